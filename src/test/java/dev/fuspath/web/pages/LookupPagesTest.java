package dev.fuspath.web.pages;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.app.CatalogHolder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The lookup form at / and the plan page at /plan, against what the planner and the JSON API answer. */
@QuarkusTest
class LookupPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STORY = {"chip", "STM32WB55RG", "fus", "0.5.3", "target", "BLE_Stack_full",
            "release", "v1.23.0", "interface", "swd"};

    @Inject
    CatalogHolder holder;

    private static RequestSpecification query(String... pairs) {
        RequestSpecification request = given();
        for (int i = 0; i < pairs.length; i += 2) {
            request.queryParam(pairs[i], pairs[i + 1]);
        }
        return request;
    }

    private static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new AssertionError(response.asString(), e);
        }
    }

    @Test
    void lookupFormOffersEveryChipReleaseAndStack() {
        Document doc = PageAssertions.page(given().get("/"), 200);
        Element form = doc.selectFirst("form.lookup");
        assertEquals("get", form.attr("method"));
        assertEquals("/plan", form.attr("action"));
        Set<String> names = form.select("[name]").stream().map(e -> e.attr("name")).collect(Collectors.toSet());
        assertEquals(Set.of("chip", "fus", "stack", "target", "release", "interface"), names);
        assertEquals(doc.selectFirst("#chip").attr("list"), "chip-list");
        List<String> parts = doc.select("#chip-list option").eachAttr("value");
        assertEquals(ChipRules.bundled().chips().stream().map(Chip::part).toList(), parts);
        List<String> releases = doc.select("#release option").eachAttr("value");
        List<String> tags = holder.catalog().releases().stream().map(ReleaseSummary::tag).toList();
        assertEquals("", releases.get(0), "the first choice is the newest release");
        assertTrue(doc.select("#release option").get(0).text().contains(tags.get(0)));
        assertEquals(tags, releases.subList(1, releases.size()));
        List<String> stacks = doc.select("#stack-list option").eachAttr("value");
        assertTrue(stacks.containsAll(List.of("BLE_Stack_full", "BLE_Stack_light", "BLE_HCILayer")), stacks.toString());
        assertEquals("swd", doc.selectFirst("input[name=interface][checked]").val());
        assertEquals(2, doc.select("fieldset input[type=radio]").size());
        assertFalse(doc.selectFirst("fieldset legend").text().isBlank());
    }

    @Test
    void lookupFormIsPrefilledFromItsQuery() {
        Document doc = PageAssertions.page(query("chip", "STM32WB35CE", "fus", "1.2.0", "interface", "usb",
                "release", "v1.22.0").get("/"), 200);
        assertEquals("STM32WB35CE", doc.selectFirst("#chip").val());
        assertEquals("1.2.0", doc.selectFirst("#fus").val());
        assertEquals("usb", doc.selectFirst("input[name=interface][checked]").val());
        assertEquals("v1.22.0", doc.selectFirst("#release option[selected]").val());
    }

    @Test
    void storyPlanShowsThePlannersStepsAndCommands() {
        JsonNode plan = json(query(STORY).get("/api/v1/plan"));
        Document doc = PageAssertions.page(query(STORY).get("/plan"), 200);
        List<Element> steps = doc.select("ol.steps > li.step");
        assertEquals(7, plan.get("steps").size());
        assertEquals(plan.get("steps").size(), steps.size());
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = plan.get("steps").get(i);
            Element li = steps.get(i);
            assertEquals("step-" + step.get("n").asInt(), li.id());
            assertEquals(step.get("action").asText(), li.selectFirst("code.action").text());
            assertEquals(step.get("why").asText(), li.selectFirst(".why").text());
            List<String> args = new ArrayList<>();
            step.get("command").forEach(a -> args.add(a.asText()));
            assertEquals("STM32_Programmer_CLI " + String.join(" ", args), li.selectFirst("pre.command").text());
            assertTrue(li.selectFirst("pre.command").hasAttr("data-copy"));
            if (step.has("file")) {
                assertEquals(step.get("file").asText(), li.selectFirst("dl.facts code").text());
                assertEquals(step.get("sha256").asText(), li.selectFirst("code.sha").text());
                assertTrue(li.select("dl.facts dd code").eachText().contains(step.get("address").asText()));
            }
        }
        List<String> actions = new ArrayList<>();
        plan.get("steps").forEach(s -> actions.add(s.get("action").asText()));
        assertEquals(List.of("start-fus", "read-fus-info", "fus-upgrade", "fus-upgrade", "stack-install", "start-stack",
                "set-option-bytes"), actions);
        List<String> warnings = doc.select(".warnings li").eachText();
        List<String> expected = new ArrayList<>();
        plan.get("warnings").forEach(w -> expected.add(w.asText()));
        assertEquals(expected, warnings);
        String script = doc.select("pre.command").last().text();
        assertEquals(steps.stream().map(li -> li.selectFirst("pre.command").text()).collect(Collectors.joining(" ")),
                script.replace('\n', ' '));
        assertTrue(doc.select("p.meta code.sha").text().equals(plan.get("id").asText()), "the plan id");
        assertEquals("/api/v1/plan?" + String.join("&", "chip=STM32WB55RG", "fus=0.5.3", "target=BLE_Stack_full",
                "release=v1.23.0", "interface=swd"), doc.selectFirst("p.meta a").attr("href"));
        assertEquals("STM32WB55RG", doc.selectFirst("details.again #chip").val(), "the form again, filled in");
    }

    @Test
    void fusAsCubeProgrammerShowsItOrAsTheRawWordGivesOnePlan() {
        Set<String> ids = new TreeSet<>();
        for (String fus : new String[] {"1.2.0", "v1.2.0", "V1.2.0", "01020000", "0x01020000", " 1.2.0 "}) {
            Document doc = PageAssertions.page(query("chip", "STM32WB55RGV6TR", "fus", fus, "target",
                    "BLE_Stack_light").get("/plan"), 200);
            ids.add(doc.select("p.meta code.sha").text());
        }
        assertEquals(1, ids.size(), ids.toString());
    }

    @Test
    void emptyTargetIsAFusOnlyPlan() {
        Document doc = PageAssertions.page(query("chip", "STM32WB55RG", "fus", "0.5.3", "target", "", "stack", "",
                "release", "").get("/plan"), 200);
        List<String> actions = doc.select("code.action").eachText();
        assertTrue(actions.contains("fus-upgrade") && !actions.contains("stack-install"), actions.toString());
    }

    @Test
    void unknownChipIs404WithTheFormAndEverySupportedPart() {
        Document doc = PageAssertions.page(query("chip", "STM32WB99ZZ", "fus", "1.2.0", "target", "BLE_Stack_full")
                .get("/plan"), 404);
        assertEquals("STM32WB99ZZ", doc.selectFirst("#chip").val(), "the form keeps what was sent");
        assertEquals("1.2.0", doc.selectFirst("#fus").val());
        assertTrue(doc.selectFirst(".problem[role=alert]").text().contains("STM32WB99ZZ"));
        List<Element> links = doc.select("ul.alternatives a");
        assertEquals(ChipRules.bundled().chips().size(), links.size());
        Element first = links.get(0);
        String part = ChipRules.bundled().chips().get(0).part();
        assertEquals(part, first.text());
        assertEquals("/plan?chip=" + part + "&fus=1.2.0&target=BLE_Stack_full", first.attr("href"));
        PageAssertions.page(given().get(first.attr("href")), 200);
    }

    @Test
    void unknownTargetIs422AndEachAvailableStackIsALinkThatPlans() {
        Document doc = PageAssertions.page(query("chip", "STM32WB55RG", "fus", "2.1.0", "target", "BLE_Stack_huge",
                "release", "v1.24.0").get("/plan"), 422);
        List<Element> links = doc.select("ul.alternatives a");
        assertTrue(links.size() > 5, links.toString());
        assertTrue(links.stream().anyMatch(a -> a.text().equals("BLE_Stack_full")));
        for (Element a : links.subList(0, 3)) {
            assertTrue(a.attr("href").contains("target=" + a.text()), a.toString());
            PageAssertions.page(given().get(a.attr("href")), 200);
        }
    }

    @Test
    void interfaceTheProcedureDoesNotCoverIs422WithTheOneItDoes() {
        Document doc = PageAssertions.page(query("chip", "STM32WB15CC", "fus", "1.2.0", "interface", "usb")
                .get("/plan"), 422);
        org.jsoup.select.Elements links = doc.select("ul.alternatives a");
        assertEquals(List.of("swd"), links.eachText());
        assertTrue(links.get(0).attr("href").contains("interface=swd"));
        PageAssertions.page(given().get(links.get(0).attr("href")), 200);
        assertEquals("usb", doc.selectFirst("input[name=interface][checked]").val());
    }

    @Test
    void malformedInputsAre400WithTheMessage() {
        String[][] cases = {
                {"chip", "STM32WB55RG", "fus", "one point two"},
                {"chip", "not a chip", "fus", "1.2.0"},
                {"chip", "STM32WB55RG", "fus", "1.2.0", "release", "latest"},
                {"chip", "STM32WB55RG", "fus", "1.2.0", "interface", "jtag"},
                {"chip", "STM32WB55RG", "fus", "1.2.0", "stack", "!!"},
                {"fus", "1.2.0"},
                {},
        };
        for (String[] c : cases) {
            Document doc = PageAssertions.page(query(c).get("/plan"), 400);
            assertFalse(doc.selectFirst(".problem .message").text().isBlank(), String.join(" ", c));
            assertEquals(1, doc.select("form.lookup").size());
        }
        assertEquals(404, query("chip", "STM32WB55RG", "fus", "1.2.0", "release", "v9.9.9").get("/plan").statusCode());
    }

    @Test
    void hostileParametersGetAFriendly400AndAreNeverEchoedAsMarkup() {
        String script = "<script>alert(1)</script>";
        String[][] cases = {
                {"chip", script, "fus", "1.2.0"},
                {"chip", "STM32WB55RG", "fus", script},
                {"chip", "STM32WB55RG", "fus", "1.2.0", "stack", "'; DROP TABLE x; --"},
                {"chip", "A".repeat(3000), "fus", "1.2.0"},
                {"chip", "STM32WB55RG", "fus", "9".repeat(1000)},
                {"chip", "STM32WB55RG", "fus", "1.2.0", "target", "x".repeat(101)},
                {"chip", "STM32WB55RG\u0000", "fus", "1.2.0"},
                {"chip", "STM32WB55RG", "fus", "1.2.0\r\nX-Injected: 1"},
                {"chip", "\u202eSTM32WB55RG", "fus", "1.2.0"},
        };
        for (String[] c : cases) {
            Response response = query(c).get("/plan");
            Document doc = PageAssertions.page(response, 400);
            assertTrue(doc.select("img").isEmpty(), "no markup from the query");
            assertTrue(response.asString().indexOf(script) < 0, "escaped");
            assertTrue(doc.selectFirst("#chip").val().length() <= 40);
            assertTrue(doc.selectFirst("#fus").val().length() <= 20);
            assertTrue(response.header("X-Injected") == null);
        }
        Document markup = PageAssertions.page(query("chip", "STM32WB55RG", "fus", "1.2.0", "target",
                "\"><img src=x onerror=alert(1)>").get("/plan"), 422);
        assertTrue(markup.select("img").isEmpty(), "no markup from the query");
        assertEquals("\"><img src=x onerror=alert(1)>", markup.selectFirst("#target").val());
        Document doc = PageAssertions.page(query("chip", "A".repeat(3000), "fus", "1.2.0").get("/plan"), 400);
        assertTrue(doc.selectFirst(".problem .message").text().contains("chip must be at most 40 characters"));
        assertEquals("A".repeat(40), doc.selectFirst("#chip").val());
    }

    @Test
    void repeatedParametersTakeTheFirst() {
        Document doc = PageAssertions.page(given().get("/plan?chip=STM32WB55RG&chip=nonsense&fus=2.1.0&fus=x"), 200);
        assertTrue(doc.selectFirst("h1").text().contains("STM32WB55RG"));
    }

    /** Without a mirror the service cannot send files: no download links in the plan JSON or on the page. */
    @Test
    void withoutAMirrorThePlanLinksNoFile() {
        JsonNode plan = json(query(STORY).get("/api/v1/plan"));
        plan.get("steps").forEach(s -> assertFalse(s.has("download"), s.toString()));
        Document doc = PageAssertions.page(query(STORY).get("/plan"), 200);
        assertTrue(doc.select("a.download").isEmpty());
        assertEquals(3, doc.select("dl.facts").size());
    }

    /** The wanted stacks offered are those the release ships for the chip, as the planner accepts them. */
    @Test
    void theWantedStacksOfferedAreTheReleasesForTheChip() {
        List<String> wb15 = PageAssertions.page(query("chip", "STM32WB15CC", "release", "v1.23.0").get("/"), 200)
                .select("#stack-list option").eachAttr("value");
        List<String> wb55 = PageAssertions.page(query("chip", "STM32WB55RG", "release", "v1.23.0").get("/"), 200)
                .select("#stack-list option").eachAttr("value");
        List<String> all = PageAssertions.page(given().get("/"), 200).select("#stack-list option").eachAttr("value");
        assertTrue(wb55.contains("BLE_Stack_full") && wb55.contains("Thread_FTD"), wb55.toString());
        assertFalse(wb15.contains("Thread_FTD"), "STM32WB1x has no Thread stack: " + wb15);
        assertTrue(wb15.contains("BLE_Stack_full"), wb15.toString());
        assertTrue(all.containsAll(wb55) && all.containsAll(wb15) && all.size() > wb15.size(), all.toString());
        // what the planner accepts for the chip is what the list offers: an offered stack plans
        for (String stack : wb15) {
            PageAssertions.page(query("chip", "STM32WB15CC", "fus", "2.1.0", "target", stack, "release", "v1.23.0")
                    .get("/plan"), 200);
        }
        assertEquals("v1.23.0", PageAssertions.page(query("chip", "STM32WB55RG", "release", "v1.23.0").get("/"), 200)
                .selectFirst("#release option[selected]").val());
    }

    /** The title says which release ships which stack: the release's version is not the stack's. */
    @Test
    void thePlanTitleTellsTheReleaseFromTheStackVersion() {
        Document doc = PageAssertions.page(query("chip", "STM32WB55CE", "fus", "1.2.0", "target", "BLE_Stack_full",
                "release", "v1.13.1", "interface", "usb").get("/plan"), 200);
        assertEquals("Plan for STM32WB55CE: BLE_Stack_full 1.13.0 from STM32CubeWB v1.13.1",
                doc.selectFirst("h1").text());
        assertTrue(doc.selectFirst("p.ships").text().startsWith("STM32CubeWB v1.13.1 ships BLE_Stack_full 1.13.0 and"
                + " FUS "), doc.selectFirst("p.ships").text());
    }

    /** A refused lookup lists what exists instead once: as links, not also inside the message. */
    @Test
    void theRefusedPageListsTheAlternativesOnce() {
        Document doc = PageAssertions.page(query("chip", "STM32WB55RG", "fus", "2.1.0", "target", "BLE_Stack_huge",
                "release", "v1.24.0").get("/plan"), 422);
        List<String> links = doc.select("ul.alternatives a").eachText();
        String message = doc.selectFirst(".problem .message").text();
        assertTrue(links.size() > 5, links.toString());
        for (String alternative : links) {
            assertFalse(message.contains(alternative), alternative + " is in the message too: " + message);
        }
        assertTrue(message.contains("(listed below)"), message);
        // the API's detail still names them, for scripts and the command line
        String detail = json(query("chip", "STM32WB55RG", "fus", "2.1.0", "target", "BLE_Stack_huge", "release",
                "v1.24.0").get("/api/v1/plan")).get("detail").asText();
        assertTrue(detail.contains(String.join(", ", links)), detail);
    }
}
