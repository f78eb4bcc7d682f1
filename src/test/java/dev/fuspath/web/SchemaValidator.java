package dev.fuspath.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates JSON against the subset of OpenAPI 3.0 schema the contract uses: type, properties, required, items,
 * $ref to #/components/..., nullable, enum, pattern, maxLength, allOf, oneOf, additionalProperties (schema, true or false).
 * null is allowed by {@code nullable: true} beside a type, or, in a schema without a type, by its enum or alternatives
 * (a nullable reference is {@code oneOf: [{$ref: ...}, {type: object, nullable: true, not: {type: object}}]}:
 * the second alternative takes null and nothing else).
 * A keyword outside that subset is an {@link IllegalArgumentException}, so a contract that outgrows the validator
 * cannot pass unchecked. In strict mode, a property an object schema does not declare (and no additionalProperties
 * allows) is an error too.
 */
public final class SchemaValidator {

    private static final Set<String> ANNOTATIONS = Set.of("description", "example", "format", "title");
    private static final Set<String> CHECKED = Set.of("type", "properties", "required", "items", "$ref", "nullable",
            "enum", "pattern", "maxLength", "allOf", "oneOf", "not", "additionalProperties");

    private final JsonNode root;
    private final boolean strict;

    public SchemaValidator(JsonNode root, boolean strict) {
        this.root = root;
        this.strict = strict;
    }

    public SchemaValidator(JsonNode root) {
        this(root, false);
    }

    /** The node a local reference such as #/components/schemas/Problem points at. */
    public JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("only local references are supported, not " + ref);
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("unresolvable reference " + ref);
        }
        return target;
    }

    /** Every way {@code value} breaks {@code schema}, each prefixed with its JSON path; empty when it conforms. */
    public List<String> validate(JsonNode schema, JsonNode value) {
        List<String> errors = new ArrayList<>();
        check(schema, value, "$", errors);
        return errors;
    }

    private void check(JsonNode schema, JsonNode value, String where, List<String> errors) {
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema at " + where + " is not an object: " + schema);
        }
        for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
            String keyword = names.next();
            if (!ANNOTATIONS.contains(keyword) && !CHECKED.contains(keyword)) {
                throw new IllegalArgumentException("unsupported schema keyword '" + keyword + "' at " + where);
            }
        }
        if (schema.has("$ref")) {
            // OpenAPI 3.0: siblings of $ref are ignored
            check(resolve(schema.get("$ref").asText()), value, where, errors);
            return;
        }
        String type = schema.path("type").asText(null);
        if (value.isNull() && (type != null || !(schema.has("enum") || schema.has("oneOf") || schema.has("allOf")))) {
            // OpenAPI 3.0.3: nullable adds null to the type's values. A schema without a type decides through its
            // enum and its alternatives
            if (!schema.path("nullable").asBoolean(false)) {
                errors.add(where + ": is null, which the schema does not allow");
            }
            return;
        }
        if (type != null && !hasType(value, type)) {
            errors.add(where + ": expected " + type + ", found " + value.getNodeType() + " " + abbreviate(value));
            return;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(where + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (value.isTextual()) {
            String text = value.asText();
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
                errors.add(where + ": '" + abbreviate(value) + "' does not match " + schema.get("pattern").asText());
            }
            if (schema.has("maxLength") && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
                errors.add(where + ": is longer than " + schema.get("maxLength").asInt());
            }
        }
        if (schema.has("not")) {
            List<String> notErrors = new ArrayList<>();
            check(schema.get("not"), value, where, notErrors);
            if (notErrors.isEmpty()) {
                errors.add(where + ": is what the schema's 'not' excludes: " + abbreviate(value));
            }
        }
        if (schema.has("allOf")) {
            for (JsonNode part : schema.get("allOf")) {
                check(part, value, where, errors);
            }
        }
        if (schema.has("oneOf")) {
            // exactly one alternative must accept the value
            List<String> all = new java.util.ArrayList<>();
            int accepted = 0;
            for (JsonNode part : schema.get("oneOf")) {
                List<String> partErrors = new java.util.ArrayList<>();
                check(part, value, where, partErrors);
                if (partErrors.isEmpty()) {
                    accepted++;
                }
                all.addAll(partErrors);
            }
            if (accepted != 1) {
                errors.add(where + ": " + accepted + " of the oneOf alternatives accept it" + (accepted == 0
                        ? ": " + all : ""));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), where + "[" + i + "]", errors);
            }
        }
        if (value.isObject()) {
            checkObject(schema, value, where, errors);
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String where, List<String> errors) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.asText())) {
                errors.add(where + ": lacks the required property '" + name.asText() + "'");
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = where + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), path, errors);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), path, errors);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                errors.add(path + ": is not allowed (additionalProperties: false)");
            } else if (additional == null && strict && !schema.has("allOf") && !schema.has("oneOf")) {
                // with allOf or oneOf, the properties are declared by the parts, which are checked on their own
                errors.add(path + ": is not declared by the schema");
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalArgumentException("unsupported type '" + type + "'");
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
