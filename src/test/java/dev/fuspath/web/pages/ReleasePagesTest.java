package dev.fuspath.web.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Anomaly;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.app.CatalogHolder;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** /releases and /releases/{tag}, against the catalog they show. */
@QuarkusTest
class ReleasePagesTest {

    @Inject
    CatalogHolder holder;

    @Test
    void releasesListsEveryReleaseAndTheIndexStackTops() {
        Catalog catalog = holder.catalog();
        Document doc = PageAssertions.page(given().get("/releases"), 200);
        List<String> linked = doc.select("table tbody th[scope=row] a").eachText();
        assertEquals(catalog.releases().stream().map(ReleaseSummary::tag).toList(), linked);
        for (ReleaseSummary r : catalog.releases()) {
            Element row = doc.selectFirst("a[href=/releases/" + r.tag() + "]").closest("tr");
            assertEquals(String.valueOf(r.binaries()), row.select("td.num").get(0).text());
            assertEquals(String.valueOf(r.anomalies()), row.select("td.num").get(1).text());
        }
        String tops = doc.select("table").last().text();
        catalog.index().stackTops().forEach((family, byFlash) -> byFlash.forEach((flash, top) ->
                assertTrue(tops.contains(flash + ": " + top), family + " " + flash + " " + top + " in " + tops)));
        assertTrue(tops.contains("1M: 0x080F4000"), "the README's STM32WB5x 1M top");
    }

    @Test
    void everyBinaryHasItsRowWithItsAddressPerFlashSizeAndItsAnomaliesMarked() {
        for (String tag : new String[] {"v1.24.0", "v1.23.0", "v1.16.0", "v1.5.0", "v1.1.0"}) {
            ReleaseCatalog release = holder.catalog().release(tag).orElseThrow();
            Document doc = PageAssertions.page(given().get("/releases/" + tag), 200);
            assertTrue(doc.selectFirst("h1").text().contains(tag));
            for (BinaryRecord b : release.binaries()) {
                Element row = doc.getElementById(ReleaseView.anchor(b.family(), b.file()));
                assertNotNull(row, tag + " " + b.file());
                assertEquals(b.file(), row.selectFirst("th code").text());
                assertEquals(b.sha256(), row.selectFirst("code.sha").text());
                List<String> flashes = row.closest("table").select("thead th").eachText();
                List<Element> cells = row.select("td.addr");
                for (Map.Entry<String, String> e : b.installAddress().entrySet()) {
                    int column = flashes.indexOf(e.getKey()) - 2;
                    assertTrue(column >= 0, tag + " " + b.file() + " " + e.getKey() + " " + flashes);
                    assertEquals(e.getValue(), cells.get(column).selectFirst("code").text(), b.file() + " " + e.getKey());
                    String computed = b.computedAddress().get(e.getKey());
                    boolean differs = computed != null && !computed.equalsIgnoreCase(e.getValue());
                    assertEquals(differs, cells.get(column).text().contains("derived " + computed), b.file());
                }
            }
            List<Anomaly> anomalies = holder.catalog().anomalies().stream().filter(a -> a.tag().equals(tag)).toList();
            List<Element> listed = doc.select("li.anomaly");
            assertEquals(anomalies.size(), listed.size(), tag);
            for (Element li : listed) {
                assertFalse(li.selectFirst("p.small").text().replace("What this means:", "").isBlank());
                Element mark = doc.selectFirst("a.mark[href=#" + li.id() + "]");
                assertNotNull(mark, "each anomaly is marked where it applies: " + li.text());
                String code = li.selectFirst("code").text();
                assertTrue(mark.text().endsWith(code), mark.text() + " / " + code);
            }
            for (Anomaly a : anomalies) {
                Element row = a.file() == null ? null : doc.getElementById(ReleaseView.anchor(a.family(), a.file()));
                Element place = row != null ? row : doc.getElementById(a.family()).selectFirst("ul.family-marks");
                assertNotNull(place, a.toString());
                assertTrue(place.select("a.mark." + a.severity()).eachText().contains(a.severity() + ": " + a.code()),
                        a + " marked on " + place.text());
            }
        }
    }

    @Test
    void theKnownAnomaliesAreWhereTheReadmeSaysTheyAre() {
        Document v116 = PageAssertions.page(given().get("/releases/v1.16.0"), 200);
        Element light = v116.getElementById("STM32WB1x-stm32wb1x_BLE_Stack_light_fw.bin");
        assertTrue(light.select("a.mark").eachText().contains("error: address-mismatch"), light.text());
        assertTrue(light.text().contains("0x08029000") && light.text().contains("derived 0x08028000"), light.text());
        Document v150 = PageAssertions.page(given().get("/releases/v1.5.0"), 200);
        assertTrue(v150.getElementById("STM32WB3x").selectFirst("ul.family-marks").text().contains("stack-top-differs"));
        Element fus = v150.getElementById("STM32WB5x-stm32wb5x_FUS_fw.bin");
        assertTrue(fus.select("a.mark").eachText().contains("error: invalid-footer"), fus.text());
    }

    @Test
    void pagerLinksNeighbours() {
        List<String> tags = holder.catalog().releases().stream().map(ReleaseSummary::tag).toList();
        Document newest = PageAssertions.page(given().get("/releases/" + tags.get(0)), 200);
        assertTrue(newest.select("nav.pager a[rel=prev]").isEmpty());
        assertEquals("/releases/" + tags.get(1), newest.selectFirst("nav.pager a[rel=next]").attr("href"));
        Document oldest = PageAssertions.page(given().get("/releases/" + tags.get(tags.size() - 1)), 200);
        assertTrue(oldest.select("nav.pager a[rel=next]").isEmpty());
    }

    @Test
    void unknownTagIsA404PageListingTheReleases() {
        Document doc = PageAssertions.page(given().get("/releases/v9.9.9"), 404);
        assertTrue(doc.selectFirst(".problem").text().contains("v9.9.9"));
        assertEquals(holder.catalog().releases().size(), doc.select("ul.alternatives a").size());
        for (String bad : new String[] {"latest", "1.24.0", "v1.24", "%3Cscript%3E", "v1.24.0.1"}) {
            Document page = PageAssertions.page(given().urlEncodingEnabled(false).get("/releases/" + bad), 400);
            assertTrue(page.select("main script").isEmpty());
            assertTrue(page.selectFirst(".problem").text().contains("v1.24.0"), page.text());
        }
        PageAssertions.page(given().get("/releases/v1.24.0/binaries"), 404);
    }
}
