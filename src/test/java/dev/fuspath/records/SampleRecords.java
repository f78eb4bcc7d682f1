package dev.fuspath.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Records as a station would upload them: a valid one to vary, and a generated line of boards. */
public final class SampleRecords {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
    static final String[] FUS = {"0.5.3", "1.1.0", "1.2.0", "2.1.0"};
    static final String[] STACKS = {"BLE_Stack_full 1.13.3", "BLE_Stack_light 1.17.0", "none"};
    static final String[] CAUSES = {"fus-upgrade-failed", "verify-mismatch", "probe-lost", "app-too-large"};

    private SampleRecords() {
    }

    /** A valid passed record. */
    public static ObjectNode passed(String recordId, String uid, String station, Instant started, long seconds) {
        ObjectNode r = JSON.createObjectNode();
        r.put("recordId", recordId);
        r.put("boardUid", uid);
        r.put("deviceId", "0x495");
        r.put("flashKiB", 1024);
        r.put("station", station);
        r.put("lane", "066CFF545150898367182340");
        r.put("operator", "Ana");
        r.put("startedAt", started.toString());
        r.put("endedAt", started.plusSeconds(seconds).toString());
        r.put("fusBefore", "1.1.0");
        r.put("fusAfter", "2.1.0");
        r.put("stackBefore", "BLE_Stack_full 1.13.3");
        r.put("stackAfter", "BLE_Stack_full 1.23.0");
        r.put("planId", "plan-7f3a");
        r.put("release", "v1.23.0");
        ArrayNode steps = r.putArray("steps");
        steps.addObject().put("name", "Delete the wireless stack").put("durationMs", 2300).put("outcome", "done");
        steps.addObject().put("name", "Write the FUS").put("file", "stm32wb5x_FUS_fw.bin").put("durationMs", 41000)
                .put("outcome", "done");
        r.put("appSha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        r.put("outcome", "passed");
        return r;
    }

    public static ObjectNode failed(String recordId, String uid, String station, Instant started, long seconds,
                                    String code) {
        ObjectNode r = passed(recordId, uid, station, started, seconds);
        r.put("outcome", "failed");
        r.remove("fusAfter");
        r.putObject("failure").put("code", code).put("cause", "the step failed").put("fix", "try again");
        ((ObjectNode) r.get("steps").get(1)).put("outcome", "failed");
        return r;
    }

    public static ObjectNode batch(List<ObjectNode> records) {
        ObjectNode b = JSON.createObjectNode();
        b.putArray("records").addAll(records);
        return b;
    }

    public static String uid(int n) {
        return String.format("%024X", n * 2654435761L & 0xFFFFFFFFFFFFL);
    }

    /**
     * A line's records: {@code boards} boards over stations line-1..line-{stations}, every tenth board needing a
     * second attempt (the first failed), one in twenty-five given up, with FUS and stacks on arrival spread.
     */
    public static List<ObjectNode> line(int boards, int stations, long seed) {
        Random random = new Random(seed);
        List<ObjectNode> records = new ArrayList<>();
        Instant t = T0;
        for (int b = 0; b < boards; b++) {
            String uid = uid(b + 1);
            String station = "line-" + (1 + b % stations);
            t = t.plusSeconds(30 + random.nextInt(60));
            int attempts = b % 10 == 3 ? 2 : 1;
            for (int a = 0; a < attempts; a++) {
                String id = "rec-" + b + "-" + a;
                long seconds = 40 + random.nextInt(200);
                boolean last = a == attempts - 1;
                boolean givenUp = b % 25 == 7;
                ObjectNode r = last && !givenUp
                        ? passed(id, uid, station, t.plusSeconds(a * 600L), seconds)
                        : failed(id, uid, station, t.plusSeconds(a * 600L), seconds,
                        CAUSES[random.nextInt(CAUSES.length)]);
                r.put("fusBefore", FUS[random.nextInt(FUS.length)]);
                r.put("stackBefore", STACKS[random.nextInt(STACKS.length)]);
                r.put("lane", "SN" + HexFormat.of().toHexDigits((byte) (b % 8)));
                records.add(r);
            }
        }
        return records;
    }
}
