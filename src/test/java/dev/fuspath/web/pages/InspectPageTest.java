package dev.fuspath.web.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.image.TestImages;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.InspectResource;
import dev.fuspath.web.UpstreamImages;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** /inspect: a plain multipart form, and what it reports, against what the API's inspect says. */
@QuarkusTest
class InspectPageTest {

    @Inject
    CatalogHolder holder;

    private static Document upload(String name, byte[] bytes, int status) {
        return PageAssertions.page(given().multiPart("file", name, bytes, "application/octet-stream").post("/inspect"),
                status);
    }

    @Test
    void theFormIsAPlainMultipartPost() {
        Document doc = PageAssertions.page(given().get("/inspect"), 200);
        Element form = doc.selectFirst("form.upload");
        assertEquals("post", form.attr("method"));
        assertEquals("/inspect", form.attr("action"));
        assertEquals("multipart/form-data", form.attr("enctype"));
        Element input = form.selectFirst("input[type=file]");
        assertEquals("file", input.attr("name"));
        assertFalse(doc.selectFirst("label[for=" + input.id() + "]").text().isBlank());
    }

    @Test
    void aNameThatLiesAboutTheVersionIsShownBesideTheContent() {
        byte[] image = TestImages.stack().version(0x01130000L).payloadSize(20000).seed(7).build();
        Document doc = upload("stm32wb5x_BLE_Stack_full_fw_v1.24.0.bin", image, 200);
        assertTrue(doc.selectFirst("h1").text().contains("stm32wb5x_BLE_Stack_full_fw_v1.24.0.bin"));
        Element version = doc.select("table.compare tr").stream()
                .filter(tr -> tr.selectFirst("th").text().equals("version")).findFirst().orElseThrow();
        assertEquals(List.of("1.24.0", "1.19.0", "no"), version.select("td").eachText());
        assertTrue(version.hasClass("differs"));
        String findings = doc.select("ul.findings").text();
        assertTrue(findings.contains("name-version-mismatch"), findings);
        assertTrue(doc.select("main").text().contains("unknown-binary"), "no release shipped random bytes");
        assertTrue(doc.select("dl.summary").text().contains("stack"));
    }

    @Test
    void aKnownUpstreamBinaryListsWhereItShipped() {
        Catalog catalog = holder.catalog();
        BinaryRecord record = catalog.release("v1.24.0").orElseThrow().binaries().stream()
                .filter(b -> b.file().equals("stm32wb5x_BLE_Stack_full_fw.bin")).findFirst().orElseThrow();
        Assumptions.assumeTrue(UpstreamImages.present(), "skipped: the upstream bundle is absent; this test uploads a real image");
        byte[] bytes = UpstreamImages.read("v1.24.0", "STM32WB5x", record.file());
        Document doc = upload(record.file(), bytes, 200);
        assertTrue(doc.select("dl.summary code.sha").text().equals(record.sha256()));
        List<String> places = doc.select("table a[href^=/releases/]").eachText();
        assertEquals(catalog.occurrences(record.sha256()).stream().map(Catalog.Occurrence::tag).toList(), places);
        assertEquals(1, doc.select("table a[href=/releases/v1.24.0#STM32WB5x-stm32wb5x_BLE_Stack_full_fw.bin]").size(),
                "each place links to the binary's row on its release page");
        assertTrue(doc.select("table.compare td span.mark").isEmpty(), "its own name agrees with it");
    }

    @Test
    void anEmptyUpstreamNamedFileIsAPlaceholderButNoFileIs400() {
        Document placeholder = upload("stm32wb3x_FUS_fw_1_0_2.bin", new byte[0], 200);
        assertTrue(placeholder.select("dl.summary").text().contains("placeholder"), placeholder.text());
        Document none = PageAssertions.page(given().multiPart("file", "", new byte[0], "application/octet-stream")
                .post("/inspect"), 400);
        assertTrue(none.selectFirst(".problem").text().contains("Choose a .bin file"));
        Document missing = PageAssertions.page(given().multiPart("other", "x").post("/inspect"), 400);
        assertEquals(1, missing.select("form.upload").size(), "the form again");
    }

    @Test
    void aFileOver4MiBIsRefusedWith413() {
        byte[] tooLarge = new byte[InspectResource.MAX_BYTES + 1];
        Document doc = upload("big.bin", tooLarge, 413);
        assertTrue(doc.selectFirst(".problem").text().contains("4 MiB"));
        byte[] wayTooLarge = new byte[InspectResource.MAX_BYTES + 200_000];
        Document early = upload("huge.bin", wayTooLarge, 413);
        assertTrue(early.selectFirst(".problem").text().contains("4 MiB"));
    }

    @Test
    void hostileFileNamesAreRefusedOrShownAsText() {
        byte[] image = TestImages.fus().version(0x01020000L).payloadSize(5000).build();
        Document tooLong = upload("x".repeat(300) + ".bin", image, 400);
        assertTrue(tooLong.selectFirst(".problem").text().contains("255"));
        Document markup = upload("<img src=x onerror=alert(1)>.bin", image, 200);
        assertTrue(markup.select("main img").isEmpty());
        assertTrue(markup.selectFirst("h1").text().contains("<img src=x onerror=alert(1)>.bin"));
        Document path = upload("C:\\Users\\me\\stm32wb5x_FUS_fw.bin", image, 200);
        assertTrue(path.selectFirst("h1").text().contains("stm32wb5x_FUS_fw.bin")
                && !path.selectFirst("h1").text().contains("Users"), path.selectFirst("h1").text());
    }

    @Test
    void otherMethodsAndBodiesGetPagesToo() {
        PageAssertions.page(given().contentType("application/octet-stream").body(new byte[] {1, 2, 3}).post("/inspect"), 415);
        PageAssertions.page(given().delete("/inspect"), 405);
    }
}
