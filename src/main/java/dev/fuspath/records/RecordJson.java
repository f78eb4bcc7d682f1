package dev.fuspath.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The canonical JSON of a record: fields in a fixed order, absent optional fields left out, the unique ID and device
 * ID in upper case. Two uploads of the same attempt give the same text, so its SHA-256 tells a repeated upload from
 * a different record under a reused id.
 */
public final class RecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordJson() {
    }

    public static ObjectNode node(BoardRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("recordId", r.recordId());
        n.put("boardUid", r.boardUid());
        n.put("deviceId", r.deviceId());
        n.put("flashKiB", r.flashKiB());
        n.put("station", r.station());
        n.put("lane", r.lane());
        put(n, "operator", r.operator());
        n.put("startedAt", r.startedAt().toString());
        n.put("endedAt", r.endedAt().toString());
        put(n, "fusBefore", r.fusBefore());
        put(n, "fusAfter", r.fusAfter());
        put(n, "stackBefore", r.stackBefore());
        put(n, "stackAfter", r.stackAfter());
        put(n, "planId", r.planId());
        put(n, "release", r.release());
        ArrayNode steps = n.putArray("steps");
        for (BoardRecord.Step step : r.steps()) {
            ObjectNode s = steps.addObject();
            s.put("name", step.name());
            put(s, "file", step.file());
            s.put("durationMs", step.durationMs());
            s.put("outcome", step.outcome().json());
        }
        r.failure().ifPresent(f -> {
            ObjectNode failure = n.putObject("failure");
            failure.put("code", f.code());
            put(failure, "cause", f.cause());
            put(failure, "fix", f.fix());
        });
        put(n, "appSha256", r.appSha256());
        n.put("outcome", r.outcome().json());
        return n;
    }

    /**
     * The canonical text: the JSON of {@link #node}, written straight from the record (building the tree first
     * doubled the cost; RecordParserTest holds both equal, since stored hashes depend on this text).
     */
    public static String text(BoardRecord r) {
        java.io.StringWriter w = new java.io.StringWriter(1024);
        try (JsonGenerator g = JSON.getFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("recordId", r.recordId());
            g.writeStringField("boardUid", r.boardUid());
            g.writeStringField("deviceId", r.deviceId());
            g.writeNumberField("flashKiB", r.flashKiB());
            g.writeStringField("station", r.station());
            g.writeStringField("lane", r.lane());
            write(g, "operator", r.operator());
            g.writeStringField("startedAt", r.startedAt().toString());
            g.writeStringField("endedAt", r.endedAt().toString());
            write(g, "fusBefore", r.fusBefore());
            write(g, "fusAfter", r.fusAfter());
            write(g, "stackBefore", r.stackBefore());
            write(g, "stackAfter", r.stackAfter());
            write(g, "planId", r.planId());
            write(g, "release", r.release());
            g.writeArrayFieldStart("steps");
            for (BoardRecord.Step step : r.steps()) {
                g.writeStartObject();
                g.writeStringField("name", step.name());
                write(g, "file", step.file());
                g.writeNumberField("durationMs", step.durationMs());
                g.writeStringField("outcome", step.outcome().json());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (r.failure().isPresent()) {
                BoardRecord.Failure f = r.failure().get();
                g.writeObjectFieldStart("failure");
                g.writeStringField("code", f.code());
                write(g, "cause", f.cause());
                write(g, "fix", f.fix());
                g.writeEndObject();
            }
            write(g, "appSha256", r.appSha256());
            g.writeStringField("outcome", r.outcome().json());
            g.writeEndObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, String field, Optional<String> value) throws java.io.IOException {
        if (value.isPresent()) {
            g.writeStringField(field, value.get());
        }
    }

    public static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored record's JSON, as the query returns it. */
    public static JsonNode read(String canonical) {
        try {
            return JSON.readTree(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record is not JSON", e);
        }
    }

    private static void put(ObjectNode node, String field, Optional<String> value) {
        value.ifPresent(v -> node.put(field, v));
    }
}
