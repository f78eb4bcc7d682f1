package dev.fuspath.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Header;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of openapi/openapi.yaml is called on the running test service, with answers that succeed and
 * answers that are problems, and each real exchange (the request as sent, the response as received: status, headers,
 * content type, body) is validated by Atlassian's swagger-request-validator, an OpenAPI 3.0 validator that finds the
 * operation by path and method itself. This is the library check issue 14 asks for; OpenApiContractTest keeps the
 * in-house {@link SchemaValidator} checks and the served document's equality with the file. The statuses only slow or
 * crowded bodies get (408, 503 of inspect and diagnose) are left to {@code OpenApiContractTest.slowAndCrowdedBodies}.
 */
@QuarkusTest
@TestProfile(ContractMirrorProfile.class)
class OpenApiResponseValidationTest {

    private static OpenApiInteractionValidator validator;
    private static JsonNode contract;

    /** One exchange: which operation it exercises, what is sent, which status it must get. */
    private record Call(String operationId, int status, String method, String url, String contentType, byte[] body,
                        Map<String, String> headers) {
        Call(String operationId, int status, String method, String url) {
            this(operationId, status, method, url, null, null, Map.of());
        }

        Call body(String type, byte[] bytes) {
            return new Call(operationId, status, method, url, type, bytes, headers);
        }

        Call header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Call(operationId, status, method, url, contentType, body, h);
        }
    }

    @BeforeAll
    static void load() throws IOException {
        OpenApiContractTest.load(); // the examples, the log, the image and the contract mirror
        String spec = Files.readString(Path.of("openapi/openapi.yaml"));
        contract = new YAMLMapper().readTree(spec);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    }

    private static List<Call> calls() {
        Map<String, String> ex = OpenApiContractTest.examples;
        String sha = ex.get("sha256");
        String zeros = "0".repeat(64);
        byte[] log = OpenApiContractTest.log;
        byte[] image = OpenApiContractTest.image;
        String token = OpenApiContractTest.RECORDS_TOKEN;
        String story = "/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0";
        List<Call> calls = new ArrayList<>(List.of(
                new Call("listReleases", 200, "GET", "/api/v1/releases"),
                new Call("listBinaries", 200, "GET", "/api/v1/releases/v1.24.0/binaries"),
                new Call("listBinaries", 200, "GET", "/api/v1/releases/v1.16.0/binaries?family=STM32WB1x"),
                new Call("listBinaries", 400, "GET", "/api/v1/releases/1.24/binaries"),
                new Call("listBinaries", 404, "GET", "/api/v1/releases/v9.9.9/binaries"),
                new Call("getBinary", 200, "GET", "/api/v1/binaries/" + sha),
                // a placeholder (empty file): most of its footer is null
                new Call("getBinary", 200, "GET",
                        "/api/v1/binaries/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new Call("getBinary", 400, "GET", "/api/v1/binaries/xyz"),
                new Call("getBinary", 404, "GET", "/api/v1/binaries/" + zeros),
                new Call("getBinaryContent", 400, "GET", "/api/v1/binaries/xyz/content"),
                new Call("getBinaryContent", 404, "GET", "/api/v1/binaries/" + zeros + "/content"),
                new Call("getBinaryContent", 502, "GET", "/api/v1/binaries/" + OpenApiContractTest.mirrorDisagrees + "/content"),
                new Call("getBinaryContent", 503, "GET", "/api/v1/binaries/" + OpenApiContractTest.mirrorLacks + "/content"),
                new Call("listAnomalies", 200, "GET", "/api/v1/anomalies"),
                new Call("listAnomalies", 200, "GET", "/api/v1/anomalies?tag=v1.16.0&family=STM32WB1x&severity=error"),
                new Call("listAnomalies", 200, "GET", "/api/v1/anomalies?severity=ERROR"),
                new Call("listAnomalies", 400, "GET", "/api/v1/anomalies?severity=fatal"),
                new Call("listAnomalies", 404, "GET", "/api/v1/anomalies?tag=v9.9.9"),
                new Call("inspect", 200, "POST", "/api/v1/inspect?filename=stm32wb5x_BLE_Stack_full_fw.bin")
                        .body("application/octet-stream", image),
                new Call("inspect", 200, "POST", "/api/v1/inspect")
                        .body("application/octet-stream", "\u0000\u0001 shipped nowhere".repeat(10).getBytes(StandardCharsets.UTF_8)),
                new Call("inspect", 400, "POST", "/api/v1/inspect").body("application/octet-stream", new byte[0]),
                new Call("inspect", 413, "POST", "/api/v1/inspect")
                        .body("application/octet-stream", new byte[InspectResource.MAX_BYTES + 1]),
                new Call("inspect", 415, "POST", "/api/v1/inspect").body("text/plain", "abc".getBytes(StandardCharsets.UTF_8)),
                new Call("listChips", 200, "GET", "/api/v1/chips"),
                new Call("getChip", 200, "GET", "/api/v1/chips/STM32WB55RGV6TR"),
                new Call("getChip", 400, "GET", "/api/v1/chips/foo"),
                new Call("getChip", 404, "GET", "/api/v1/chips/STM32WB99ZZ"),
                new Call("getPlan", 200, "GET", story),
                new Call("getPlan", 200, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&stack=BLE_Stack_full%201.13.1"
                        + "&target=BLE_Stack_full&release=v1.23.0&interface=swd&antiRollback=true&deleteStack=true"),
                new Call("getPlan", 200, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.1.0,1.2.0,2.0.0&target=BLE_Stack_full"),
                new Call("getPlan", 200, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&fusOnly=true"),
                // a release without its v, and an interface in capitals (issue 14)
                new Call("getPlan", 200, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&target=BLE_Stack_full"
                        + "&release=1.23.0&interface=USB"),
                new Call("getPlan", 400, "GET", "/api/v1/plan?chip=STM32WB55RG"),
                new Call("getPlan", 404, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&release=v9.9.9"),
                new Call("getPlan", 422, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&release=v1.23.0&target=Nope"),
                new Call("diagnose", 200, "POST", "/api/v1/diagnose?chip=STM32WB55RGV6").body("text/plain", log),
                // the body is optional: an empty one is a valid request (a 200 saying empty-log)
                new Call("diagnose", 200, "POST", "/api/v1/diagnose").body("text/plain", new byte[0]),
                new Call("diagnose", 200, "POST", "/api/v1/diagnose")
                        .body("text/plain", "some other tool's output\n".getBytes(StandardCharsets.UTF_8)),
                new Call("diagnose", 400, "POST", "/api/v1/diagnose?fus=banana").body("text/plain", log),
                new Call("diagnose", 404, "POST", "/api/v1/diagnose?chip=STM32WB99ZZ").body("text/plain", log),
                new Call("diagnose", 413, "POST", "/api/v1/diagnose")
                        .body("text/plain", new byte[DiagnoseResource.MAX_BYTES + 1]),
                new Call("diagnose", 415, "POST", "/api/v1/diagnose").body("application/json", "{}".getBytes(StandardCharsets.UTF_8)),
                new Call("uploadRecords", 200, "POST", "/api/v1/records")
                        .body("application/json", batch("validation-1", 95)).header("Authorization", token),
                new Call("uploadRecords", 200, "POST", "/api/v1/records") // the same again: duplicate
                        .body("application/json", batch("validation-1", 95)).header("Authorization", token),
                new Call("uploadRecords", 400, "POST", "/api/v1/records")
                        .body("application/json", "{\"records\": [{}]}".getBytes(StandardCharsets.UTF_8))
                        .header("Authorization", token),
                new Call("uploadRecords", 401, "POST", "/api/v1/records").body("application/json", batch("validation-2", 95)),
                new Call("uploadRecords", 403, "POST", "/api/v1/records")
                        .body("application/json", new String(batch("validation-3", 95), StandardCharsets.UTF_8)
                                .replace("\"line-1\"", "\"line-2\"").getBytes(StandardCharsets.UTF_8))
                        .header("Authorization", token),
                new Call("uploadRecords", 409, "POST", "/api/v1/records") // validation-1 again, other content
                        .body("application/json", batch("validation-1", 96)).header("Authorization", token),
                new Call("uploadRecords", 413, "POST", "/api/v1/records")
                        .body("application/json", OpenApiContractTest.recordBatch("validation-4", 95,
                                RecordsResource.MAX_RECORDS + 1).getBytes(StandardCharsets.UTF_8))
                        .header("Authorization", token),
                new Call("listRecords", 200, "GET", "/api/v1/records"),
                new Call("listRecords", 200, "GET", "/api/v1/records?uid=" + ex.get("uid") + "&station=line-1&outcome=passed"
                        + "&since=2026-11-30T00:00:00Z&until=2026-12-31T00:00:00Z&limit=1"),
                new Call("listRecords", 200, "GET", "/api/v1/records?outcome=PASSED"),
                new Call("listRecords", 400, "GET", "/api/v1/records?uid=xyz"),
                new Call("recordsSummary", 200, "GET", "/api/v1/records/summary"),
                new Call("recordsSummary", 200, "GET", "/api/v1/records/summary?since=2026-11-30T00:00:00Z"),
                new Call("recordsSummary", 400, "GET", "/api/v1/records/summary?since=yesterday")));
        if (UpstreamImages.present()) {
            calls.add(new Call("getBinaryContent", 200, "GET", "/api/v1/binaries/" + sha + "/content"));
            calls.add(new Call("getBinaryContent", 304, "GET", "/api/v1/binaries/" + sha + "/content")
                    .header("If-None-Match", "\"" + sha + "\""));
        }
        return calls;
    }

    private static byte[] batch(String id, int seconds) {
        return OpenApiContractTest.recordBatch(id, seconds, 1).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyOperationsRealAnswersValidate() {
        List<String> failures = new ArrayList<>();
        Map<String, Set<Integer>> covered = new TreeMap<>();
        String planEtag = null;
        List<Call> calls = new ArrayList<>(calls());
        for (Call call : calls) {
            Exchange exchange = exchange(call);
            String name = call.operationId() + " " + call.status() + " " + call.method() + " " + call.url();
            if (exchange.response().getStatus() != call.status()) {
                failures.add(name + ": got " + exchange.response().getStatus() + " " + bodyOf(exchange));
                continue;
            }
            covered.computeIfAbsent(call.operationId(), k -> new TreeSet<>()).add(call.status());
            // a problem case sends what the contract refuses on purpose: only its answer is held to the contract
            ValidationReport report = call.status() >= 400
                    ? validator.validateResponse(exchange.request().getPath(), exchange.request().getMethod(),
                    exchange.response())
                    : validator.validate(exchange.request(), exchange.response());
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR) {
                    failures.add(name + ": " + m.getKey() + ": " + m.getMessage() + " " + m.getNestedMessages().stream()
                            .map(ValidationReport.Message::getMessage).toList());
                }
            }
            if (call.operationId().equals("getPlan") && call.status() == 200 && planEtag == null) {
                planEtag = exchange.response().getHeaderValue("ETag").orElse(null);
            }
        }
        // the plan's 304, with the ETag its 200 gave
        assertTrue(planEtag != null, "the plan answered no ETag");
        Call notModified = new Call("getPlan", 304, "GET",
                "/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0").header("If-None-Match", planEtag);
        Exchange exchange = exchange(notModified);
        assertEquals(304, exchange.response().getStatus());
        covered.computeIfAbsent("getPlan", k -> new TreeSet<>()).add(304);
        validator.validate(exchange.request(), exchange.response()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .forEach(m -> failures.add("getPlan 304: " + m.getKey() + ": " + m.getMessage()));
        assertEquals(List.of(), failures);

        // every operation, and every status it declares (bar those only slow or crowded bodies get)
        Map<String, Set<Integer>> declared = new TreeMap<>();
        contract.get("paths").forEach(ops -> ops.forEach(op -> {
            Set<Integer> statuses = new TreeSet<>();
            op.get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
            statuses.removeAll(OpenApiContractTest.SLOW_BODY_STATUSES.getOrDefault(op.get("operationId").asText(), Set.of()));
            if (!UpstreamImages.present() && op.get("operationId").asText().equals("getBinaryContent")) {
                statuses.removeAll(Set.of(200, 304)); // real bytes need the upstream bundle
            }
            declared.put(op.get("operationId").asText(), statuses);
        }));
        assertEquals(14, declared.size(), "the contract's operation count changed; add calls here");
        // an endless text/event-stream has no body a response validator can read whole: its first event is held to
        // the LineEvent schema by OpenApiContractTest's own test of the stream
        assertTrue(declared.remove("recordsEvents") != null, "the records event stream left the contract");
        assertEquals(declared, covered);
    }

    /** Enum query parameters are taken in any case, everywhere (issue 14), and a release without its v. */
    @Test
    void enumQueryParametersTakeAnyCase() {
        for (String[] pair : List.of(new String[]{"/api/v1/anomalies?severity=error", "/api/v1/anomalies?severity=Error"},
                new String[]{"/api/v1/records?outcome=passed", "/api/v1/records?outcome=PASSED"},
                new String[]{"/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0&interface=swd",
                        "/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=1.23.0&interface=SWD"})) {
            String lower = given().urlEncodingEnabled(false).get(pair[0]).then().statusCode(200).extract().asString();
            String other = given().urlEncodingEnabled(false).get(pair[1]).then().statusCode(200).extract().asString();
            assertEquals(lower, other, pair[1]);
        }
        assertFalse(given().get("/api/v1/anomalies?severity=error").then().extract().asString().equals("[]"));
    }

    /** The library reads the contract strictly: what the service must never send is refused. */
    @Test
    void theValidatorRefusesAnswersTheContractDoesNotAllow() {
        Exchange real = exchange(new Call("diagnose", 200, "POST", "/api/v1/diagnose").body("text/plain", new byte[0]));
        String body = bodyOf(real);
        assertTrue(body.contains("\"session\":null") || body.contains("\"session\": null"),
                "the empty-body diagnosis has a null session, which the contract allows: " + body);
        assertFalse(hasErrors(validator.validate(real.request(), real.response())), "null is read as allowed");
        for (String wrong : List.of(body.replaceFirst("\"session\"\\s*:\\s*null", "\"session\":\"none\""),
                body.replaceFirst("\"session\"\\s*:\\s*null", "\"session\":{}"),
                body.replaceFirst("\\{", "{\"undeclared\":1,"))) {
            SimpleResponse response = SimpleResponse.Builder.status(200).withContentType("application/json")
                    .withBody(wrong).build();
            assertTrue(hasErrors(validator.validateResponse("/api/v1/diagnose", Request.Method.POST, response)),
                    "the validator accepted " + wrong);
        }
        // a status the operation does not declare
        SimpleResponse teapot = SimpleResponse.Builder.status(418).withContentType("application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"x\",\"status\":418}").build();
        assertTrue(hasErrors(validator.validateResponse("/api/v1/chips", Request.Method.GET, teapot)));
    }

    private static boolean hasErrors(ValidationReport report) {
        return report.getMessages().stream().anyMatch(m -> m.getLevel() == ValidationReport.Level.ERROR);
    }

    private record Exchange(SimpleRequest request, SimpleResponse response, String text) {
    }

    private static String bodyOf(Exchange exchange) {
        return exchange.text();
    }

    /** Sends {@code call} to the test service and returns the request as sent and the response as received. */
    private static Exchange exchange(Call call) {
        RequestSpecification http = given().urlEncodingEnabled(false);
        int q = call.url().indexOf('?');
        String path = q < 0 ? call.url() : call.url().substring(0, q);
        SimpleRequest.Builder request = new SimpleRequest.Builder(call.method(), path);
        if (q >= 0) {
            for (String pair : call.url().substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.withQueryParam(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        call.headers().forEach((k, v) -> {
            http.header(k, v);
            request.withHeader(k, v);
        });
        if (call.body() != null) {
            http.contentType(call.contentType()).body(call.body());
            request.withContentType(call.contentType()).withBody(call.body());
        }
        io.restassured.response.Response got = http.request(call.method(), call.url());
        SimpleResponse.Builder response = SimpleResponse.Builder.status(got.statusCode());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : got.headers()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        headers.forEach(response::withHeader);
        if (got.contentType() != null && !got.contentType().isEmpty()) {
            response.withContentType(got.contentType());
        }
        byte[] bytes = got.asByteArray();
        if (bytes.length > 0) {
            response.withBody(bytes);
        }
        return new Exchange(request.build(), response.build(), new String(bytes, StandardCharsets.UTF_8));
    }
}
