package dev.fuspath.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/v1/chips and /api/v1/plan: answers, ETags and problem documents. */
@QuarkusTest
class PlanApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Story (b): STM32WB55RG on FUS 0.5.3 wants the full BLE stack of v1.23.0 over SWD. */
    private static final String[] STORY_B = {"chip", "STM32WB55RG", "fus", "0.5.3", "target", "BLE_Stack_full",
            "release", "v1.23.0", "interface", "swd"};

    private static SchemaValidator validator;

    @BeforeAll
    static void loadContract() throws IOException {
        validator = new SchemaValidator(new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile()));
    }

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
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }

    /** Asserts an application/problem+json document of that status, and returns it. */
    private static JsonNode problem(Response response, int status) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertTrue(String.valueOf(response.contentType()).startsWith("application/problem+json"),
                response.contentType() + ": " + body);
        JsonNode problem = json(response);
        assertEquals(status, problem.path("status").asInt(), body);
        assertTrue(problem.path("title").isTextual(), body);
        assertTrue(problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank(), body);
        assertFalse(body.contains("Exception") || body.contains("at dev."), body);
        assertEquals(List.of(), validator.validate(validator.resolve("#/components/schemas/Problem"), problem));
        return problem;
    }

    private static Response plan(String... pairs) {
        return query(pairs).get("/api/v1/plan");
    }

    private static String planIdDirect() throws Exception {
        Planner planner = new Planner(CatalogFiles.readClasspath(PlanApiTest.class.getClassLoader()),
                Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        return planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd",
                false, false)).id();
    }

    // ---- chips ----------------------------------------------------------------------------------------------

    @Test
    void chipsListsThe18Parts() {
        Response response = given().get("/api/v1/chips");
        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        JsonNode chips = json(response);
        assertEquals(18, chips.size(), chips.toString());
        List<String> parts = new ArrayList<>();
        JsonNode schema = validator.resolve("#/components/schemas/Chip");
        for (JsonNode c : chips) {
            assertEquals(List.of(), validator.validate(schema, c), c.toString());
            parts.add(c.get("part").asText());
        }
        assertEquals(ChipRules.bundled().chips().stream().map(Chip::part).toList(), parts);
        assertTrue(parts.containsAll(List.of("STM32WB55RG", "STM32WB55VY", "STM32WB5MMG", "STM32WB35CE",
                "STM32WB15CC", "STM32WB1MMC")), parts.toString());
    }

    @Test
    void chipByOrderingCode() {
        for (String code : List.of("STM32WB55RGV6TR", "stm32wb55rgv6tr", "STM32WB55RG")) {
            Response response = given().get("/api/v1/chips/" + code);
            assertEquals(200, response.statusCode(), code + ": " + response.asString());
            JsonNode chip = json(response);
            assertEquals("STM32WB55RG", chip.get("part").asText(), code);
            assertEquals("1M", chip.get("flash").asText(), code);
            assertEquals("STM32WB5x", chip.get("family").asText(), code);
            assertEquals(4096, chip.get("pageSize").asInt(), code);
            assertEquals("0x495", chip.get("deviceId").asText(), code);
        }
        JsonNode wb15 = json(given().get("/api/v1/chips/STM32WB15CCU6"));
        assertEquals("320K", wb15.get("flash").asText());
        assertEquals(2048, wb15.get("pageSize").asInt());
    }

    @Test
    void malformedChipIs400AndUnknownChipIs404() {
        JsonNode bad = problem(given().get("/api/v1/chips/hello"), 400);
        assertTrue(bad.get("detail").asText().contains("hello"), bad.toString());
        JsonNode unknown = problem(given().get("/api/v1/chips/STM32WB99XX"), 404);
        assertTrue(unknown.get("detail").asText().contains("STM32WB99XX"), unknown.toString());
        assertEquals(18, unknown.path("available").size(), unknown.toString());
    }

    // ---- plan -----------------------------------------------------------------------------------------------

    @Test
    void storyBPlanWithItsETag() throws Exception {
        Response response = plan(STORY_B);
        assertEquals(200, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        JsonNode plan = json(response);
        assertEquals(List.of(), validator.validate(validator.resolve("#/components/schemas/Plan"), plan));
        for (String field : List.of("id", "release", "chip", "interface", "from", "to", "steps", "warnings")) {
            assertTrue(plan.has(field), "no " + field + " in " + plan);
        }
        String id = plan.get("id").asText();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals("\"" + id + "\"", response.header("ETag"));
        assertEquals(planIdDirect(), id, "the API plans as the planner does");
        assertEquals("v1.23.0", plan.get("release").asText());
        assertEquals("STM32WB55RG", plan.at("/chip/part").asText());
        assertEquals("1M", plan.at("/chip/flash").asText());
        assertEquals("swd", plan.get("interface").asText());
        assertEquals("0.5.3", plan.at("/from/fus").asText());
        assertEquals("none", plan.at("/from/stack").asText());
        assertEquals("2.1.0", plan.at("/to/fus").asText());
        assertEquals("BLE_Stack_full 1.23.0", plan.at("/to/stack").asText());
        List<String> actions = new ArrayList<>();
        plan.get("steps").forEach(s -> actions.add(s.get("action").asText()));
        assertEquals(List.of("start-fus", "read-fus-info", "fus-upgrade", "fus-upgrade", "stack-install",
                "start-stack", "set-option-bytes"), actions);
        JsonNode first = plan.at("/steps/2");
        assertEquals("stm32wb5x_FUS_fw_for_fus_0_5_3.bin", first.get("file").asText());
        assertEquals("0x080EC000", first.get("address").asText());
        assertEquals("1.2.0", first.get("toFus").asText());
        assertEquals("2.1.0", plan.at("/steps/3/toFus").asText());
        assertEquals("0x080D0000", plan.at("/steps/4/address").asText());
        assertFalse(plan.at("/steps/0").has("file"), "absent, not null: " + plan.at("/steps/0"));
        boolean v2 = false;
        for (JsonNode w : plan.get("warnings")) {
            v2 |= w.asText().contains("FUS_v2 only");
        }
        assertTrue(v2, plan.get("warnings").toString());
        // the same inputs written otherwise: the same plan, the same ETag
        Response again = plan("chip", "stm32wb55rgv6tr", "fus", "00050300", "target", "BLE_Stack_full",
                "release", "v1.23.0", "interface", "SWD");
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(response.header("ETag"), again.header("ETag"));
    }

    @Test
    void ifNoneMatchWithThePlansETagIs304() {
        String etag = plan(STORY_B).header("ETag");
        assertNotNull(etag);
        Response notModified = query(STORY_B).header("If-None-Match", etag).get("/api/v1/plan");
        assertEquals(304, notModified.statusCode(), notModified.asString());
        assertEquals("", notModified.asString());
        assertEquals(etag, notModified.header("ETag"));
        assertEquals(304, query(STORY_B).header("If-None-Match", "*").get("/api/v1/plan").statusCode());
        assertEquals(304, query(STORY_B).header("If-None-Match", "\"0000\", " + etag).get("/api/v1/plan")
                .statusCode());
        Response other = query(STORY_B).header("If-None-Match", "\"" + "0".repeat(64) + "\"").get("/api/v1/plan");
        assertEquals(200, other.statusCode());
        assertEquals(etag, other.header("ETag"));
        // another interface is another plan: the old ETag does not match it
        Response usb = query("chip", "STM32WB55RG", "fus", "0.5.3", "target", "BLE_Stack_full", "release",
                "v1.23.0", "interface", "usb").header("If-None-Match", etag).get("/api/v1/plan");
        assertEquals(200, usb.statusCode());
        assertFalse(etag.equals(usb.header("ETag")));
    }

    @Test
    void missingChipOrFusIs400NamingTheParameter() {
        JsonNode noChip = problem(plan("fus", "1.2.0", "release", "v1.24.0"), 400);
        assertTrue(noChip.get("detail").asText().contains("chip"), noChip.toString());
        JsonNode noFus = problem(plan("chip", "STM32WB55RG", "release", "v1.24.0"), 400);
        assertTrue(noFus.get("detail").asText().contains("fus"), noFus.toString());
        JsonNode neither = problem(plan("release", "v1.24.0"), 400);
        String detail = neither.get("detail").asText();
        assertTrue(detail.contains("chip") && detail.contains("fus"), neither.toString());
        JsonNode blank = problem(plan("chip", " ", "fus", "1.2.0"), 400);
        assertTrue(blank.get("detail").asText().contains("chip"), blank.toString());
    }

    @Test
    void malformedValuesAre400() {
        JsonNode release = problem(plan("chip", "STM32WB55RG", "fus", "1.2.0", "release", "1.24"), 400);
        assertTrue(release.get("detail").asText().contains("release"), release.toString());
        JsonNode iface = problem(plan("chip", "STM32WB55RG", "fus", "1.2.0", "interface", "jtag"), 400);
        assertTrue(iface.get("detail").asText().contains("swd or usb"), iface.toString());
        JsonNode fus = problem(plan("chip", "STM32WB55RG", "fus", "banana"), 400);
        assertTrue(fus.get("detail").asText().contains("banana"), fus.toString());
        JsonNode chip = problem(plan("chip", "hello", "fus", "1.2.0"), 400);
        assertTrue(chip.get("detail").asText().contains("hello"), chip.toString());
        problem(plan("chip", "STM32WB55RG", "fus", "1.2.0", "target", "x".repeat(101)), 400);
    }

    @Test
    void badInterfaceNamesTheInterfaceParameter() {
        JsonNode iface = problem(plan("chip", "STM32WB55RG", "fus", "1.2.0", "interface", "jtag"), 400);
        assertTrue(iface.get("detail").asText().startsWith("interface"), iface.toString());
        assertTrue(iface.get("detail").asText().contains("swd or usb"), iface.toString());
    }

    @Test
    void unknownChipOrReleaseIs404() {
        JsonNode chip = problem(plan("chip", "STM32WB99XX", "fus", "1.2.0"), 404);
        assertTrue(chip.get("detail").asText().contains("STM32WB99XX"), chip.toString());
        assertEquals(18, chip.path("available").size(), chip.toString());
        JsonNode release = problem(plan("chip", "STM32WB55RG", "fus", "1.2.0", "release", "v9.9.9"), 404);
        assertTrue(release.get("detail").asText().contains("v9.9.9"), release.toString());
    }

    @Test
    void naTargetIs422WithWhatIsAvailable() {
        JsonNode na = problem(plan("chip", "STM32WB55CC", "fus", "2.2.0", "target", "BLE_Thread_static",
                "release", "v1.24.0"), 422);
        String detail = na.get("detail").asText();
        assertTrue(detail.contains("v1.24.0") && detail.contains("STM32WB5x") && detail.contains("256K"), detail);
        JsonNode available = na.get("available");
        assertNotNull(available, na.toString());
        assertTrue(available.isArray() && available.size() > 0, na.toString());
        List<String> names = new ArrayList<>();
        available.forEach(a -> names.add(a.asText()));
        assertTrue(names.contains("BLE_Stack_full"), names.toString());
        assertFalse(names.contains("BLE_Thread_static"), names.toString());
        // no STM32WB3x binaries in v1.4.0; an SWD plan in the USB-only era
        JsonNode family = problem(plan("chip", "STM32WB35CE", "fus", "1.2.0", "release", "v1.4.0",
                "interface", "usb"), 422);
        assertTrue(family.path("available").size() > 0, family.toString());
        JsonNode swd = problem(plan("chip", "STM32WB55RG", "fus", "1.0.2", "release", "v1.3.0",
                "target", "BLE_Stack_full"), 422);
        assertEquals("usb", swd.path("available").path(0).asText(), swd.toString());
    }

    /** A production line asks for several starting FUS versions at once; one keeps today's answer. */
    @Test
    void severalStartingFusVersionsGiveAPlanSet() {
        Response one = query("chip", "STM32WB55CE", "fus", "1.2.0", "target", "BLE_Stack_full", "release", "v1.24.0",
                "interface", "swd").get("/api/v1/plan");
        assertEquals(200, one.statusCode(), one.asString());
        JsonNode plan = json(one);
        assertEquals(List.of(), validator.validate(validator.resolve("#/components/schemas/Plan"), plan));
        Response many = query("chip", "STM32WB55CE", "fus", "1.1.0,1.2.0,2.1.0,2.0.0", "target", "BLE_Stack_full",
                "release", "v1.24.0", "interface", "swd").get("/api/v1/plan");
        assertEquals(200, many.statusCode(), many.asString());
        JsonNode set = json(many);
        assertEquals(List.of(), validator.validate(validator.resolve("#/components/schemas/PlanSet"), set));
        assertEquals(4, set.path("plans").size());
        assertEquals(plan, set.path("plans").get(1).path("plan"), "the 1.2.0 entry is the single-fus plan");
        assertEquals(422, set.path("plans").get(3).path("status").asInt(), "FUS 2.0.0 over SWD is refused");
        assertEquals("\"" + set.path("id").asText() + "\"", many.getHeader("ETag"));
        Response bad = query("chip", "STM32WB55CE", "fus", "1.1.0,9.9.9", "target", "BLE_Stack_full").get("/api/v1/plan");
        assertEquals(400, bad.statusCode(), bad.asString());
        Response deleted = query("chip", "STM32WB55RG", "fus", "2.2.0", "stack", "BLE_Stack_full 1.23.0", "target",
                "BLE_Stack_full", "release", "v1.24.0", "deleteStack", "true").get("/api/v1/plan");
        assertTrue(deleted.asString().contains("stack-delete"), deleted.asString());
        Response unknownStack = query("chip", "STM32WB55RG", "fus", "2.2.0", "stack", "Nonexistent_Stack 1.2.0",
                "target", "BLE_Stack_full").get("/api/v1/plan");
        assertEquals(400, unknownStack.statusCode(), unknownStack.asString());
    }
}
