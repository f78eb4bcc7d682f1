package dev.fuspath.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.records.RecordQuery;
import dev.fuspath.testing.TestMirror;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service answers what openapi/openapi.yaml says, and serves that file as its contract. File contents come from
 * a mirror made here ({@link ContractMirrorProfile}): the example binary's real bytes (with the bundle), wrong bytes
 * where the catalog places another binary, and no tag at all for a third.
 */
@QuarkusTest
@TestProfile(ContractMirrorProfile.class)
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A station's token as the test profile configures it (application.properties, %test). */
    static final String RECORDS_TOKEN = "Bearer line-1-token";
    private static final String RECORD_UID = "0123456789ABCDEF01234567";
    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonNode contract;
    private static SchemaValidator validator;
    static Map<String, String> examples;
    static byte[] image;
    /** The body of text/plain operations (diagnose): a failing session whose diagnosis has a corrected plan. */
    static byte[] log;
    /** Where the contract mirror holds other bytes than the catalog says, and where it holds no release at all. */
    static String mirrorDisagrees;
    static String mirrorLacks;

    @BeforeAll
    static void load() throws IOException {
        contract = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile());
        validator = new SchemaValidator(contract);
        JsonNode first;
        try (var in = OpenApiContractTest.class.getClassLoader().getResourceAsStream("catalog/releases/v1.24.0.json")) {
            first = JSON.readTree(in).get("binaries").get(0);
        }
        examples = new LinkedHashMap<>();
        examples.put("tag", "v1.24.0");
        examples.put("sha256", first.get("sha256").asText());
        examples.put("family", "STM32WB5x");
        examples.put("severity", "warning");
        examples.put("filename", "stm32wb5x_BLE_Stack_full_fw.bin");
        // GET /api/v1/chips/{part} and GET /api/v1/plan: the story, with every optional input, so that the plan
        // has all eight actions (two FUS hops, a stack to delete, anti-rollback)
        examples.put("part", "STM32WB55RG");
        examples.put("chip", "STM32WB55RG");
        examples.put("fus", "0.5.3");
        examples.put("stack", "BLE_Stack_full 1.13.1");
        examples.put("target", "BLE_Stack_full");
        examples.put("release", "v1.23.0");
        examples.put("interface", "swd");
        examples.put("fusOnly", "false");
        examples.put("antiRollback", "true");
        examples.put("deleteStack", "true");
        // the records API (RecordsApiTest covers it in depth): filters that match the record uploaded here
        examples.put("uid", RECORD_UID);
        examples.put("station", "line-1");
        examples.put("outcome", "passed");
        examples.put("since", "2026-11-30T00:00:00Z");
        examples.put("until", "2026-12-31T00:00:00Z");
        examples.put("limit", "10");
        examples.put("cursor", new RecordQuery.Cursor(Instant.parse("2027-01-01T00:00:00Z"), "zzz").encode());
        try (var in = OpenApiContractTest.class.getResourceAsStream("/logs/fus-v2-only-on-fus1-usb.log")) {
            log = in.readAllBytes();
        }
        image = UpstreamImages.present()
                ? UpstreamImages.read("v1.24.0", "STM32WB5x", "stm32wb5x_BLE_Stack_full_fw.bin")
                : "not a coprocessor image, but bytes all the same".repeat(20).getBytes(StandardCharsets.US_ASCII);
        contractMirror();
    }

    /**
     * v1.24.0 holds the example binary's real bytes (only with the bundle), v1.23.0 holds wrong bytes at one
     * binary's path, and no other release is there.
     */
    private static void contractMirror() throws IOException {
        Catalog catalog = CatalogFiles.readClasspath(OpenApiContractTest.class.getClassLoader());
        BinaryRecord example = catalog.record(examples.get("sha256")).orElseThrow();
        BinaryRecord wrong = catalog.release("v1.23.0").orElseThrow().binaries().stream()
                .filter(b -> b.size() > 0 && !b.sha256().equals(example.sha256())).findFirst().orElseThrow();
        mirrorDisagrees = wrong.sha256();
        mirrorLacks = catalog.releasesNewestFirst().stream().flatMap(r -> r.binaries().stream())
                .map(BinaryRecord::sha256)
                .filter(sha -> catalog.occurrences(sha).stream().noneMatch(o -> o.tag().equals("v1.24.0")
                        || o.tag().equals("v1.23.0")))
                .findFirst().orElseThrow();
        try (TestMirror mirror = TestMirror.create(ContractMirrorProfile.mirror())) {
            if (UpstreamImages.present()) {
                mirror.tag("v1.24.0", Map.of(example.path(),
                        UpstreamImages.read("v1.24.0", example.family(), example.file())));
            }
            mirror.tag("v1.23.0", Map.of(wrong.path(), "not what upstream shipped".getBytes(StandardCharsets.UTF_8)));
        }
    }

    // (a) the served document

    @Test
    void servedYamlParsesToTheContract() {
        assertEquals(List.of(), differences(contract, servedYaml(), ""));
    }

    @Test
    void servedJsonParsesToTheContract() throws IOException {
        String body = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertEquals(List.of(), differences(contract, JSON.readTree(body), ""));
    }

    private static JsonNode servedYaml() {
        String body = given().get("/q/openapi").then().statusCode(200).extract().asString();
        try {
            return new YAMLMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("GET /q/openapi is not YAML: " + e.getMessage(), e);
        }
    }

    /** JSON pointers where the two trees differ, with both values. */
    static List<String> differences(JsonNode expected, JsonNode actual, String at) {
        List<String> out = new ArrayList<>();
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!expected.has(name) || !actual.has(name)) {
                    out.add(child + ": " + (expected.has(name) ? "missing in the served document" : "not in the contract"));
                } else {
                    out.addAll(differences(expected.get(name), actual.get(name), child));
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                out.addAll(differences(expected.get(i), actual.get(i), at + "/" + i));
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": contract " + expected + " (" + expected.getNodeType() + "), served " + actual
                    + " (" + actual.getNodeType() + ")");
        }
        return out;
    }

    // (b) real answers against the declared schemas

    /** The first event of GET /api/v1/records/events is a {@code line} event whose data is a LineEvent. */
    @Test
    void recordsEventsAnswerWhatTheContractDeclares() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/api/v1/records/events")).timeout(java.time.Duration
                        .ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        java.util.concurrent.CompletableFuture<List<String>> event = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    List<String> lines = new ArrayList<>();
                    java.util.Iterator<String> it = response.body().iterator();
                    while (it.hasNext()) {
                        String line = it.next();
                        if (line.isEmpty() && lines.stream().anyMatch(l -> l.startsWith("data:"))) {
                            return lines;
                        }
                        lines.add(line);
                    }
                    return lines;
                });
        List<String> lines = event.get(30, java.util.concurrent.TimeUnit.SECONDS);
        response.body().close();
        assertTrue(lines.contains("event:line") || lines.contains("event: line"), lines.toString());
        String data = lines.stream().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).strip())
                .reduce("", String::concat);
        JsonNode schema = contract.at("/paths/~1api~1v1~1records~1events/get/responses/200/content/text~1event-stream"
                + "/schema");
        assertFalse(schema.isMissingNode());
        assertEquals(List.of(), validator.validate(schema, JSON.readTree(data)));
    }

    @Test
    void everyOperationAnswersWhatTheContractDeclares() {
        List<String> failures = new ArrayList<>();
        List<String> binary = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        int operations = 0;
        for (Map.Entry<String, JsonNode> path : fields(contract.get("paths"))) {
            for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
                assertTrue(VERBS.contains(op.getKey()), "unexpected key " + op.getKey() + " under " + path.getKey());
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                if (operation.at("/responses/200/content").has("application/octet-stream")) {
                    binary.add(name); // bytes, not JSON: binaryContentAnswersWhatTheContractDeclares
                    continue;
                }
                if (operation.at("/responses/200/content").has("text/event-stream")) {
                    streams.add(name); // a stream: recordsEventsAnswerWhatTheContractDeclares
                    continue;
                }
                JsonNode schema = operation.at("/responses/200/content/application~1json/schema");
                assertFalse(schema.isMissingNode(), name + " declares no application/json 200 schema");
                String url = expand(path.getKey(), parameters(operation, "path"));
                Map<String, String> required = new LinkedHashMap<>();
                Map<String, String> optional = new LinkedHashMap<>();
                for (JsonNode p : parameters(operation, "query")) {
                    String value = examples.get(p.get("name").asText());
                    assertTrue(value != null, name + ": no example for query parameter " + p.get("name"));
                    if (p.path("required").asBoolean()) {
                        required.put(p.get("name").asText(), value);
                    }
                    optional.put(p.get("name").asText(), value);
                }
                JsonNode plain = call(op.getKey(), url, required, operation, name + (required.isEmpty() ? "" : " " + required),
                        schema, failures);
                if (plain != null && plain.isArray() && plain.isEmpty()) {
                    failures.add(name + ": answered an empty array, which validates nothing");
                }
                if (optional.size() > required.size()) {
                    call(op.getKey(), url, optional, operation, name + " " + optional, schema, failures);
                }
            }
        }
        assertEquals(14, operations, "the contract's operation count changed; update the examples");
        assertEquals(List.of("GET /api/v1/records/events"), streams,
                "event streams need a test of their own, as recordsEventsAnswerWhatTheContractDeclares");
        assertEquals(List.of("GET /api/v1/binaries/{sha256}/content"), binary,
                "operations answering bytes need a test of their own, as binaryContentAnswersWhatTheContractDeclares");
        assertEquals(List.of(), failures);
    }

    @Test
    void binaryContentAnswersWhatTheContractDeclares() {
        org.junit.jupiter.api.Assumptions.assumeTrue(UpstreamImages.present(),
                "skipped: the upstream bundle is absent, so the contract mirror holds no real bytes to send");
        JsonNode declared = contract.at("/paths/~1api~1v1~1binaries~1{sha256}~1content/get/responses");
        String sha = examples.get("sha256");
        Response response = given().get("/api/v1/binaries/" + sha + "/content");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("application/octet-stream", response.contentType());
        byte[] bytes = response.asByteArray();
        assertEquals(sha, Sha256.of(bytes));
        declared.at("/200/headers").fieldNames().forEachRemaining(header ->
                assertTrue(response.header(header) != null, "the contract declares " + header + ", the answer lacks it"));
        assertEquals(String.valueOf(bytes.length), response.header("Content-Length"));
        assertEquals("\"" + sha + "\"", response.header("ETag"));
        String file = parse(given().get("/api/v1/binaries/" + sha).asString()).at("/record/file").asText();
        assertEquals("attachment; filename=\"" + file + "\"", response.header("Content-Disposition"));

        Response again = given().header("If-None-Match", response.header("ETag")).get("/api/v1/binaries/" + sha + "/content");
        assertEquals(304, again.statusCode());
        assertTrue(declared.at("/304/headers/ETag").isObject());
        assertEquals(response.header("ETag"), again.header("ETag"));
        assertEquals(0, again.asByteArray().length);
    }

    private JsonNode call(String verb, String url, Map<String, String> query, JsonNode operation, String name,
                          JsonNode schema, List<String> failures) {
        RequestSpecification request = given();
        query.forEach(request::queryParam);
        JsonNode body = operation.get("requestBody");
        if (body != null) {
            String type = body.get("content").fieldNames().next();
            if (type.equals("application/json")) {
                request.contentType(type).header("Authorization", RECORDS_TOKEN).body(recordBatch("contract-1", 95, 1));
            } else {
                request.contentType(type).body(type.startsWith("text/") ? log : image);
            }
        }
        Response response = request.request(verb.toUpperCase(), url);
        if (response.statusCode() != 200 || !response.contentType().startsWith("application/json")) {
            failures.add(name + ": " + response.statusCode() + " " + response.contentType() + " " + response.asString());
            return null;
        }
        JsonNode answer = parse(response.asString());
        validator.validate(schema, answer).forEach(e -> failures.add(name + ": " + e));
        return answer;
    }

    @Test
    void everyReleaseAndNotableBinaryValidates() {
        JsonNode binaries = contract.at("/paths/~1api~1v1~1releases~1{tag}~1binaries/get/responses/200/content/application~1json/schema");
        JsonNode identity = contract.at("/paths/~1api~1v1~1binaries~1{sha256}/get/responses/200/content/application~1json/schema");
        List<String> failures = new ArrayList<>();
        JsonNode releases = parse(given().get("/api/v1/releases").then().statusCode(200).extract().asString());
        assertEquals(37, releases.size());
        for (JsonNode release : releases) {
            String tag = release.get("tag").asText();
            JsonNode answer = parse(given().get("/api/v1/releases/" + tag + "/binaries").then().statusCode(200)
                    .extract().asString());
            validator.validate(binaries, answer).forEach(e -> failures.add(tag + " " + e));
        }
        // a placeholder (empty file) and an invalid image
        for (String sha : List.of("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "310b09a02ba371fe6f492ead69e5df7922dfd8439d963145d99ec50e8605b734")) {
            JsonNode answer = parse(given().get("/api/v1/binaries/" + sha).then().statusCode(200).extract().asString());
            validator.validate(identity, answer).forEach(e -> failures.add(sha + " " + e));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void inspectReportsValidateForKnownAndUnknownBytes() {
        JsonNode schema = contract.at("/paths/~1api~1v1~1inspect/post/responses/200/content/application~1json/schema");
        byte[] unknown = "\u0000\u0001 these bytes shipped nowhere".repeat(10).getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : List.of(image, unknown)) {
            JsonNode report = parse(given().contentType("application/octet-stream").body(bytes)
                    .queryParam("filename", "stm32wb5x_BLE_Stack_full_fw.bin").post("/api/v1/inspect")
                    .then().statusCode(200).extract().asString());
            assertEquals(List.of(), validator.validate(schema, report));
        }
        if (UpstreamImages.present()) {
            JsonNode report = parse(given().contentType("application/octet-stream").body(image)
                    .post("/api/v1/inspect").then().statusCode(200).extract().asString());
            assertTrue(report.at("/identity/known").asBoolean(), "a real image is known: " + report);
            assertTrue(report.at("/identity/record").isObject(), "so its record was validated too");
        }
    }

    @Test
    void answersCarryOnlyDeclaredProperties() {
        SchemaValidator strict = new SchemaValidator(contract, true);
        JsonNode schema = contract.at("/paths/~1api~1v1~1inspect/post/responses/200/content/application~1json/schema");
        JsonNode report = parse(given().contentType("application/octet-stream").body(image)
                .queryParam("filename", "stm32wb5x_BLE_Stack_full_fw.bin").post("/api/v1/inspect")
                .then().statusCode(200).extract().asString());
        assertEquals(List.of(), strict.validate(schema, report));

        JsonNode diagnosisSchema = contract.at("/paths/~1api~1v1~1diagnose/post/responses/200/content/application~1json/schema");
        JsonNode diagnosis = parse(given().contentType("text/plain").body(log).queryParam("chip", "STM32WB55RGV6")
                .post("/api/v1/diagnose").then().statusCode(200).extract().asString());
        assertTrue(diagnosis.at("/correctedPlan/plan/steps").size() > 0, "the plan was validated too: " + diagnosis);
        boolean erase = false;
        for (JsonNode operation : diagnosis.at("/session/operations")) {
            erase |= operation.path("erase").isObject();
        }
        assertTrue(erase, "and an erase range: " + diagnosis.at("/session/operations"));
        assertEquals(List.of(), strict.validate(diagnosisSchema, diagnosis));
    }

    /** The statuses only slow or crowded bodies get, which {@link #slowAndCrowdedBodies} makes happen. */
    static final Map<String, Set<Integer>> SLOW_BODY_STATUSES = Map.of(
            "inspect", Set.of(408, 503), "diagnose", Set.of(408, 503));

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    /**
     * As many bodies as the service reads at once trickle in; one more gets a 503, and a trickling one a 408
     * after the progress window: both are the problem documents the contract declares.
     */
    @Test
    void slowAndCrowdedBodies() throws Exception {
        for (String operation : List.of("inspect", "diagnose")) {
            String head = "POST /api/v1/" + operation + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                    + (operation.equals("inspect") ? "application/octet-stream" : "text/plain")
                    + "\r\nContent-Length: 1000\r\n\r\nA";
            List<java.net.Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < BodyReader.MAX_IN_FLIGHT; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", base.getPort());
                    slow.add(s);
                    s.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                Thread.sleep(500);
                try (java.net.Socket crowded = new java.net.Socket("127.0.0.1", base.getPort())) {
                    crowded.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    checkProblem(operation, 503, answer(crowded, 10_000));
                }
                checkProblem(operation, 408, answer(slow.get(0), 15_000));
            } finally {
                for (java.net.Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /** What the service answers on {@code socket} until it closes the connection or {@code millis} pass. */
    private static String answer(java.net.Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = socket.getInputStream().read(buffer)) >= 0) {
                got.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            // what arrived is the answer
        }
        return got.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void checkProblem(String operation, int status, String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), operation + ": " + answer);
        int end = answer.indexOf("\r\n\r\n");
        assertTrue(answer.substring(0, end).toLowerCase(java.util.Locale.ROOT)
                .contains("content-type: application/problem+json"), answer);
        JsonNode declaredResponse = contract.at("/paths/~1api~1v1~1" + operation + "/post/responses/" + status);
        JsonNode schema = declaredResponse.at("/content/application~1problem+json/schema");
        JsonNode problem = parse(answer.substring(end + 4));
        assertEquals(List.of(), validator.validate(schema, problem), operation + " " + status);
        assertEquals(status, problem.path("status").asInt());
    }

    @Test
    void everyDeclaredErrorHappensAsAValidProblem() {
        byte[] tooLarge = new byte[InspectResource.MAX_BYTES + 1];
        String zeros = "0".repeat(64);
        List<ErrorCase> cases = List.of(
                new ErrorCase("listBinaries", 400, "GET", "/api/v1/releases/1.24/binaries", null, null),
                new ErrorCase("listBinaries", 404, "GET", "/api/v1/releases/v9.9.9/binaries", null, null),
                new ErrorCase("getBinary", 400, "GET", "/api/v1/binaries/xyz", null, null),
                new ErrorCase("getBinary", 404, "GET", "/api/v1/binaries/" + zeros, null, null),
                new ErrorCase("getBinaryContent", 400, "GET", "/api/v1/binaries/xyz/content", null, null),
                new ErrorCase("getBinaryContent", 404, "GET", "/api/v1/binaries/" + zeros + "/content", null, null),
                new ErrorCase("getBinaryContent", 502, "GET", "/api/v1/binaries/" + mirrorDisagrees + "/content", null, null),
                new ErrorCase("getBinaryContent", 503, "GET", "/api/v1/binaries/" + mirrorLacks + "/content", null, null),
                new ErrorCase("listAnomalies", 400, "GET", "/api/v1/anomalies?severity=fatal", null, null),
                new ErrorCase("listAnomalies", 404, "GET", "/api/v1/anomalies?tag=v9.9.9", null, null),
                new ErrorCase("inspect", 400, "POST", "/api/v1/inspect", "application/octet-stream", new byte[0]),
                new ErrorCase("inspect", 413, "POST", "/api/v1/inspect", "application/octet-stream", tooLarge),
                new ErrorCase("inspect", 415, "POST", "/api/v1/inspect", "text/plain", "abc".getBytes()),
                new ErrorCase("getChip", 400, "GET", "/api/v1/chips/foo", null, null),
                new ErrorCase("getChip", 404, "GET", "/api/v1/chips/STM32WB99ZZ", null, null),
                new ErrorCase("getPlan", 400, "GET", "/api/v1/plan?chip=STM32WB55RG", null, null),
                new ErrorCase("getPlan", 404, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&release=v9.9.9", null, null),
                new ErrorCase("getPlan", 422, "GET", "/api/v1/plan?chip=STM32WB55RG&fus=1.2.0&release=v1.23.0&target=Nope",
                        null, null),
                new ErrorCase("diagnose", 400, "POST", "/api/v1/diagnose?fus=banana", "text/plain", log),
                new ErrorCase("diagnose", 404, "POST", "/api/v1/diagnose?chip=STM32WB99ZZ", "text/plain", log),
                new ErrorCase("diagnose", 413, "POST", "/api/v1/diagnose", "text/plain",
                        new byte[DiagnoseResource.MAX_BYTES + 1]),
                new ErrorCase("diagnose", 415, "POST", "/api/v1/diagnose", "application/json", "{}".getBytes()),
                new ErrorCase("uploadRecords", 400, "POST", "/api/v1/records", "application/json",
                        "{\"records\": [{}]}".getBytes(StandardCharsets.UTF_8)),
                new ErrorCase("uploadRecords", 401, "POST", "/api/v1/records", "application/json",
                        recordBatch("contract-2", 95, 1).getBytes(StandardCharsets.UTF_8)),
                new ErrorCase("uploadRecords", 403, "POST", "/api/v1/records", "application/json",
                        recordBatch("contract-3", 95, 1).replace("\"line-1\"", "\"line-2\"")
                                .getBytes(StandardCharsets.UTF_8)),
                new ErrorCase("uploadRecords", 409, "POST", "/api/v1/records", "application/json",
                        recordBatch("contract-4", 96, 1).getBytes(StandardCharsets.UTF_8)),
                new ErrorCase("uploadRecords", 413, "POST", "/api/v1/records", "application/json",
                        recordBatch("contract-5", 95, RecordsResource.MAX_RECORDS + 1)
                                .getBytes(StandardCharsets.UTF_8)),
                new ErrorCase("listRecords", 400, "GET", "/api/v1/records?uid=xyz", null, null),
                new ErrorCase("recordsSummary", 400, "GET", "/api/v1/records/summary?since=yesterday", null, null));
        // the 409 case uploads contract-4 again with other content
        given().contentType("application/json").header("Authorization", RECORDS_TOKEN)
                .body(recordBatch("contract-4", 95, 1)).post("/api/v1/records").then().statusCode(200);
        Map<String, Set<Integer>> declared = new TreeMap<>();
        Map<String, JsonNode> operations = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : fields(contract.get("paths"))) {
            for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
                String id = op.getValue().get("operationId").asText();
                operations.put(id, op.getValue());
                Set<Integer> statuses = new TreeSet<>();
                op.getValue().get("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
                statuses.removeIf(s -> s < 400); // 304 Not Modified has no body: planEtagAndNotModified covers it
                declared.put(id, statuses);
            }
        }
        Map<String, Set<Integer>> covered = new TreeMap<>();
        operations.keySet().forEach(id -> covered.put(id, new TreeSet<>()));
        cases.forEach(c -> covered.get(c.operationId()).add(c.status()));
        SLOW_BODY_STATUSES.forEach((id, statuses) -> covered.get(id).addAll(statuses));
        assertEquals(declared, covered, "each declared error status needs a case here (or in slowAndCrowdedBodies)");

        List<String> failures = new ArrayList<>();
        for (ErrorCase c : cases) {
            RequestSpecification request = given().urlEncodingEnabled(false);
            if (c.url().startsWith("/api/v1/records") && c.method().equals("POST") && c.status() != 401) {
                request.header("Authorization", RECORDS_TOKEN);
            }
            if (c.body() != null) {
                request.contentType(c.contentType()).body(c.body());
            }
            Response response = request.request(c.method(), c.url());
            String name = c.operationId() + " " + c.status() + " " + c.url();
            if (response.statusCode() != c.status() || !"application/problem+json".equals(response.contentType())) {
                failures.add(name + ": got " + response.statusCode() + " " + response.contentType());
                continue;
            }
            JsonNode declaredResponse = operations.get(c.operationId()).get("responses").get(String.valueOf(c.status()));
            if (declaredResponse.has("$ref")) {
                declaredResponse = validator.resolve(declaredResponse.get("$ref").asText());
            }
            JsonNode schema = declaredResponse.at("/content/application~1problem+json/schema");
            if (schema.isMissingNode()) {
                failures.add(name + ": the contract declares no application/problem+json schema");
                continue;
            }
            JsonNode problem = parse(response.asString());
            validator.validate(schema, problem).forEach(e -> failures.add(name + ": " + e));
            if (problem.path("status").asInt() != c.status()) {
                failures.add(name + ": the document says status " + problem.path("status"));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void planEtagAndNotModified() {
        JsonNode declared = contract.at("/paths/~1api~1v1~1plan/get/responses");
        assertTrue(declared.at("/200/headers/ETag").isObject(), "the contract declares the ETag of a plan");
        assertTrue(declared.at("/304/headers/ETag").isObject(), "and of a 304");
        String url = "/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full&release=v1.23.0";
        Response first = given().urlEncodingEnabled(false).get(url);
        assertEquals(200, first.statusCode());
        String etag = first.header("ETag");
        assertEquals("\"" + parse(first.asString()).get("id").asText() + "\"", etag);
        for (String ifNoneMatch : List.of(etag, "\"other\", " + etag, "*")) {
            Response again = given().urlEncodingEnabled(false).header("If-None-Match", ifNoneMatch).get(url);
            assertEquals(304, again.statusCode(), ifNoneMatch);
            assertEquals(etag, again.header("ETag"));
            assertEquals("", again.asString());
        }
        assertEquals(200, given().urlEncodingEnabled(false).header("If-None-Match", "\"other\"").get(url).statusCode());
    }

    private record ErrorCase(String operationId, int status, String method, String url, String contentType,
                             byte[] body) {
    }

    // (c) what the resources route is what the contract lists

    @Test
    void everyRoutedOperationIsInTheContract() throws Exception {
        Set<String> routed = routedOperations("/api/v1");
        assertTrue(routed.containsAll(Set.of("GET /api/v1/releases", "GET /api/v1/releases/{tag}/binaries",
                "GET /api/v1/binaries/{sha256}", "GET /api/v1/anomalies", "POST /api/v1/inspect")),
                "reflection over dev.fuspath.web.*Resource found only " + routed);
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : fields(contract.get("paths"))) {
            if (path.getKey().startsWith("/api/v1")) {
                path.getValue().fieldNames().forEachRemaining(verb -> documented.add(verb.toUpperCase() + " " + path.getKey()));
            }
        }
        assertEquals(documented, routed);
    }

    /** "VERB /path" of every resource method in the dev.fuspath.web.*Resource classes, by their annotations. */
    static Set<String> routedOperations(String prefix) throws Exception {
        Set<String> classes = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/fuspath/web"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("Resource.java"))
                    .forEach(n -> classes.add("dev.fuspath.web." + n.substring(0, n.length() - ".java".length())));
        }
        assertFalse(classes.isEmpty(), "no *Resource.java under src/main/java/dev/fuspath/web");
        Set<String> routes = new TreeSet<>();
        for (String className : classes) {
            Class<?> type = Class.forName(className, false, OpenApiContractTest.class.getClassLoader());
            jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
            assertTrue(base != null, className + " has no @Path");
            for (Method method : type.getMethods()) {
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                String verb = null;
                for (var annotation : method.getAnnotations()) {
                    jakarta.ws.rs.HttpMethod http = annotation.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
                    if (http != null) {
                        verb = http.value();
                    }
                }
                if (verb == null) {
                    assertTrue(sub == null, className + "." + method.getName() + " is a sub-resource locator; extend this test");
                    continue;
                }
                String path = join(base.value(), sub == null ? "" : sub.value());
                if (path.startsWith(prefix)) {
                    routes.add(verb + " " + path);
                }
            }
        }
        return routes;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        path = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    // helpers

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static List<JsonNode> parameters(JsonNode operation, String in) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
            JsonNode resolved = p.has("$ref") ? validator.resolve(p.get("$ref").asText()) : p;
            if (in.equals(resolved.get("in").asText())) {
                out.add(resolved);
            }
        }
        return out;
    }

    private static String expand(String template, List<JsonNode> pathParameters) {
        String url = template;
        for (JsonNode p : pathParameters) {
            String value = examples.get(p.get("name").asText());
            assertTrue(value != null, "no example for path parameter " + p.get("name"));
            assertTrue(p.path("required").asBoolean(), "path parameter " + p.get("name") + " must be required");
            url = url.replace("{" + p.get("name").asText() + "}", value);
        }
        assertFalse(url.contains("{"), "unexpanded template " + url);
        return url;
    }

    /** A batch of {@code count} valid records of station line-1, ids {@code id}, {@code id}-1, ... */
    static String recordBatch(String id, int seconds, int count) {
        StringBuilder b = new StringBuilder("{\"records\": [");
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : ", ").append(("{\"recordId\": \"%s\", \"boardUid\": \"%s\", \"deviceId\": \"0x495\","
                    + " \"flashKiB\": 1024, \"station\": \"line-1\", \"lane\": \"066CFF545150898367182340\","
                    + " \"operator\": \"Ana\", \"startedAt\": \"2026-12-01T08:00:00Z\","
                    + " \"endedAt\": \"2026-12-01T08:%02d:%02dZ\", \"fusBefore\": \"1.1.0\", \"fusAfter\": \"2.1.0\","
                    + " \"stackBefore\": \"BLE_Stack_full 1.13.3\", \"stackAfter\": \"BLE_Stack_full 1.23.0\","
                    + " \"planId\": \"plan-7f3a\", \"release\": \"v1.23.0\", \"steps\": [{\"name\": \"Write the FUS\","
                    + " \"file\": \"stm32wb5x_FUS_fw.bin\", \"durationMs\": 41000, \"outcome\": \"done\"}],"
                    + " \"appSha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                    + " \"outcome\": \"passed\"}").formatted(i == 0 ? id : id + "-" + i, RECORD_UID, seconds / 60,
                    seconds % 60));
        }
        return b.append("]}").toString();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
