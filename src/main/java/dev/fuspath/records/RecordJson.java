package dev.fuspath.records;

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

    public static String text(BoardRecord r) {
        try {
            return JSON.writeValueAsString(node(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
