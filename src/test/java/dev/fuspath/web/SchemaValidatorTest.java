package dev.fuspath.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract validator itself: it accepts a real record and rejects each kind of break. */
class SchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode contract;
    private static JsonNode record;
    private static JsonNode binaryRecord;
    private static JsonNode problem;

    @BeforeAll
    static void load() throws IOException {
        contract = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile());
        // the copy packed on the class path: a sync running beside the tests cannot catch it half-written
        try (var in = SchemaValidatorTest.class.getClassLoader().getResourceAsStream("catalog/releases/v1.24.0.json")) {
            record = JSON.readTree(in).get("binaries").get(0);
        }
        binaryRecord = schema("BinaryRecord");
        problem = schema("Problem");
    }

    private static JsonNode schema(String name) {
        return contract.at("/components/schemas/" + name);
    }

    private static List<String> errors(JsonNode schema, JsonNode value) {
        return new SchemaValidator(contract).validate(schema, value);
    }

    private static ObjectNode copy() {
        return record.deepCopy();
    }

    private static void assertOneError(List<String> errors, String where) {
        assertEquals(1, errors.size(), "expected one error at " + where + ", got " + errors);
        assertTrue(errors.get(0).startsWith(where + ":"), errors.get(0));
    }

    @Test
    void acceptsACatalogRecord() {
        assertEquals(List.of(), errors(binaryRecord, record));
    }

    @Test
    void rejectsAWrongType() {
        ObjectNode doc = copy().put("size", "129460");
        assertOneError(errors(binaryRecord, doc), "$.size");
        ObjectNode decimal = copy().put("size", 1.5);
        assertOneError(errors(binaryRecord, decimal), "$.size");
        ObjectNode nested = copy();
        ((ObjectNode) nested.get("footer")).put("flashPages", "32");
        assertOneError(errors(binaryRecord, nested), "$.footer.flashPages");
    }

    @Test
    void rejectsAMissingRequiredField() {
        ObjectNode doc = copy();
        doc.remove("sha256");
        assertOneError(errors(binaryRecord, doc), "$");
        assertTrue(errors(binaryRecord, doc).get(0).contains("'sha256'"));
        ObjectNode notes = copy();
        ((ObjectNode) notes.get("notes")).remove("listedAs");
        assertOneError(errors(binaryRecord, notes), "$.notes");
    }

    @Test
    void rejectsAValueOutsideAnEnum() {
        assertOneError(errors(binaryRecord, copy().put("kind", "firmware")), "$.kind");
        ObjectNode footer = copy();
        ((ObjectNode) footer.get("footer")).put("signer", "nobody");
        assertOneError(errors(binaryRecord, footer), "$.footer.signer");
    }

    @Test
    void nullOnlyWhereNullable() {
        assertEquals(List.of(), errors(binaryRecord, copy().putNull("notes")), "notes is nullable (oneOf: the record or enum [null])");
        ObjectNode signer = copy();
        ((ObjectNode) signer.get("footer")).putNull("signer");
        assertEquals(List.of(), errors(binaryRecord, signer), "a nullable enum takes null");
        assertOneError(errors(binaryRecord, copy().putNull("footer")), "$.footer");
        assertOneError(errors(binaryRecord, copy().putNull("family")), "$.family");
    }

    @Test
    void rejectsPatternAndAdditionalPropertyBreaks() {
        assertOneError(errors(binaryRecord, copy().put("sha256", record.get("sha256").asText().toUpperCase())),
                "$.sha256");
        ObjectNode address = copy();
        ((ObjectNode) address.get("installAddress")).put("1M", "0x80D0000");
        assertOneError(errors(binaryRecord, address), "$.installAddress.1M");
        ObjectNode number = copy();
        ((ObjectNode) number.get("computedAddress")).put("320K", 134250496);
        assertOneError(errors(binaryRecord, number), "$.computedAddress.320K");
    }

    @Test
    void checksArrayItems() {
        ObjectNode doc = copy();
        ((ObjectNode) doc.get("footer")).putArray("problems").addObject().put("code", "x").put("error", "yes")
                .put("message", "m");
        assertOneError(errors(binaryRecord, doc), "$.footer.problems[0].error");
        assertOneError(errors(schema("Problem"), json("{\"type\":\"t\",\"title\":\"t\",\"status\":400,"
                + "\"detail\":\"d\",\"errors\":[\"a\",3]}")), "$.errors[1]");
    }

    @Test
    void problemDocuments() {
        assertEquals(List.of(), errors(problem, json("{\"type\":\"t\",\"title\":\"Bad request\",\"status\":400,"
                + "\"detail\":\"d\",\"instance\":\"/api\"}")));
        List<String> missing = errors(problem, json("{\"title\":\"t\",\"status\":\"400\"}"));
        assertEquals(3, missing.size(), missing.toString()); // type, detail missing; status a string
    }

    @Test
    void additionalPropertiesTrueTakesAnythingButTheTypeMustHold() {
        JsonNode anomaly = schema("Anomaly");
        String base = "{\"tag\":\"v1.1.0\",\"family\":\"STM32WB5x\",\"file\":null,\"code\":\"placeholder\",\"severity\":\"info\","
                + "\"message\":\"m\",\"evidence\":";
        assertEquals(List.of(), errors(anomaly, json(base + "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}}")));
        assertOneError(errors(anomaly, json(base + "\"text\"}")), "$.evidence");
    }

    @Test
    void strictModeReportsUndeclaredProperties() {
        ObjectNode doc = copy().put("surprise", 1);
        assertEquals(List.of(), errors(binaryRecord, doc), "OpenAPI allows undeclared properties by default");
        List<String> strict = new SchemaValidator(contract, true).validate(binaryRecord, doc);
        assertOneError(strict, "$.surprise");
        assertEquals(List.of(), new SchemaValidator(contract, true).validate(binaryRecord, record));
    }

    @Test
    void oneOfTakesExactlyOneMatch() {
        SchemaValidator validator = new SchemaValidator(contract);
        JsonNode schema = json("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}");
        assertEquals(List.of(), validator.validate(schema, json("\"x\"")));
        assertEquals(List.of(), validator.validate(schema, json("3")));
        assertEquals(1, validator.validate(schema, json("true")).size());
    }

    @Test
    void unsupportedKeywordsAndReferencesAreRefused() {
        SchemaValidator validator = new SchemaValidator(contract);
        assertThrows(IllegalArgumentException.class,
                () -> validator.validate(json("{\"anyOf\":[{\"type\":\"string\"}]}"), json("\"x\"")));
        assertThrows(IllegalArgumentException.class,
                () -> validator.validate(json("{\"$ref\":\"#/components/schemas/Nope\"}"), json("{}")));
        assertThrows(IllegalArgumentException.class,
                () -> validator.validate(json("{\"$ref\":\"other.yaml#/X\"}"), json("{}")));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
