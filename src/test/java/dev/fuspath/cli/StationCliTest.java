package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.station.StationExit;
import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fuspath station on the command line: the simulated rack end to end, bad command lines, a refused token. */
@QuarkusMainTest
class StationCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    /** A firmware folder with the files of the plans from FUS 0.5.3 and 1.2.0 to the newest full BLE stack. */
    static Path firmware(Path dir) throws Exception {
        UpstreamBundle.assumePresent();
        Map<String, byte[]> bySha = new HashMap<>();
        UpstreamBundle.distinctBinaries().forEach(f -> bySha.put(Sha256.of(f.bytes()), f.bytes()));
        Planner planner = new Planner(CatalogFiles.readClasspath(StationCliTest.class.getClassLoader()),
                Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        Path fw = Files.createDirectories(dir.resolve("fw"));
        for (String fus : List.of("0.5.3", "1.2.0")) {
            Plan p = planner.plan(new Planner.Request("STM32WB55RG", fus, null, "BLE_Stack_full", null, "swd", false,
                    false));
            for (PlanStep s : p.steps()) {
                if (s.file() != null) {
                    Path f = fw.resolve(s.path());
                    Files.createDirectories(f.getParent());
                    Files.write(f, bySha.get(s.sha256()));
                }
            }
        }
        return fw;
    }

    @Test
    void aSimulatedRackOfTwoLanesWithJsonEvents(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        Path fw = firmware(dir);
        LaunchResult r = launcher.launch("station", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--simulate-rack", "2:fus=0.5.3,1.2.0", "--state", dir.resolve("state").toString(), "--firmware-dir",
                fw.toString(), "--station", "line-1", "--once", "--json", "--poll", "5");
        assertEquals(StationExit.OK, r.exitCode(), all(r));
        Set<String> lanes = new HashSet<>();
        int records = 0;
        JsonNode summary = null;
        for (String line : r.getOutput().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.path("type").asText().equals("station-summary")) {
                summary = n;
                continue;
            }
            if (n.path("type").asText().equals("station-record")) {
                records++;
                assertEquals("passed", n.path("record").path("outcome").asText(), line);
            }
            if (n.has("run")) {
                assertTrue(n.path("board").asText().matches("[0-9A-F]{24}"), line);
                lanes.add(n.path("lane").asText());
            }
        }
        assertEquals(2, lanes.size(), "events of both lanes, tagged: " + lanes);
        assertEquals(2, records);
        assertEquals(2, summary.path("passed").asInt(), String.valueOf(summary));
        assertEquals(1, summary.path("fusOnArrival").path("0.5.3").asInt(), String.valueOf(summary));
        // plain lines when piped, and the summary
        LaunchResult again = launcher.launch("station", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--simulate", "flash=1M,fus=2.1.0", "--state", dir.resolve("state2").toString(), "--firmware-dir",
                fw.toString(), "--station", "line-1", "--once", "--poll", "5");
        assertEquals(StationExit.OK, again.exitCode(), all(again));
        assertTrue(again.getOutput().contains("flashing"), all(again));
        assertTrue(again.getOutput().contains("boards: 1, passed 1"), all(again));
    }

    @Test
    void malformedRackSpecsAreUsageErrors(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        // every malformed form is covered by RackSpecTest; here the command line's answer to one of them, and to a
        // file that is too large
        LaunchResult bad = launcher.launch("station", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--simulate-rack", "8:colour=red", "--state", dir.resolve("bad").toString());
        assertEquals(StationExit.USAGE, bad.exitCode(), all(bad));
        assertTrue(bad.getErrorOutput().contains("--simulate-rack: unknown rack key 'colour'"), all(bad));
        assertFalse(all(bad).contains("Exception"), all(bad));
        Path big = dir.resolve("rack.json");
        Files.writeString(big, "x".repeat(2 * 1024 * 1024));
        LaunchResult r = launcher.launch("station", "--target", "BLE_Stack_full", "--backend", "simulator",
                "--simulate-rack", big.toString(), "--state", dir.resolve("big").toString());
        assertEquals(StationExit.USAGE, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains("nor a JSON file of at most 1 MiB"), all(r));
        LaunchResult both = launcher.launch("station", "--target", "X", "--once", "--loop");
        assertEquals(StationExit.USAGE, both.exitCode(), all(both));
    }

    @Test
    void aRefusedTokenStopsBeforeAnyBoard(QuarkusMainLauncher launcher, @TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/records", ex -> {
            byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"no valid station token\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/problem+json");
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            Path token = dir.resolve("token");
            Files.writeString(token, "wrong-token\n");
            LaunchResult r = launcher.launch("station", "--target", "BLE_Stack_full", "--backend", "simulator",
                    "--simulate-rack", "2:fus=1.2.0", "--state", dir.resolve("state").toString(), "--records",
                    "http://127.0.0.1:" + server.getAddress().getPort(), "--records-token-file", token.toString(),
                    "--station", "line-1", "--once");
            assertEquals(StationExit.RECORDS_REFUSED, r.exitCode(), all(r));
            assertTrue(r.getErrorOutput().contains("refused the station's token (401): no valid station token"),
                    all(r));
            assertTrue(r.getErrorOutput().contains("nothing was flashed"), all(r));
            assertFalse(all(r).contains("wrong-token"), "the token is never printed");
            LaunchResult none = launcher.launch("station", "--target", "BLE_Stack_full", "--records",
                    "http://127.0.0.1:1", "--station", "line-1");
            assertEquals(StationExit.USAGE, none.exitCode(), all(none));
        } finally {
            server.stop(0);
        }
    }
}
