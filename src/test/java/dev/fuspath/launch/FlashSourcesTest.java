package dev.fuspath.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.cli.CommandLineSetup;
import dev.fuspath.cli.FlashCommand;
import dev.fuspath.cli.HistoryCommand;
import dev.fuspath.cli.ExitCodes;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.Faults;
import dev.fuspath.simulator.SimulatorStateFile;
import dev.fuspath.testing.UpstreamBundle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * fuspath flash's file sources and its command-line mistakes (issue 14), run in this JVM on the simulator backend:
 * the same picocli command classes the launcher runs, with the light path's catalog holder (package-private, hence
 * this package), so no Quarkus build per launch.
 * <ul>
 * <li>{@code --resume} takes the files from where the run it resumes took them: its --firmware-dir folders, or the
 * same fuspath server; sources given with --resume take their place.</li>
 * <li>A command-line mistake (no --firmware-dir nor --server) is refused before the run starts: the journal holds
 * no refused run for it, and {@code history} lists flash runs only (an older journal's usage refusals are not
 * listed).</li>
 * </ul>
 */
class FlashSourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CatalogHolder HOLDER = new CatalogHolder(Optional.empty());

    private record Ran(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private static Ran run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLineSetup.configure(commandLine);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Ran(exit, out.toString(), err.toString());
    }

    private static Ran flash(String... args) {
        return run(new CommandLine(new FlashCommand(HOLDER)), args);
    }

    private static Ran history(Path journal) {
        return run(new CommandLine(new HistoryCommand()), "--journal", journal.toString(), "--json");
    }

    private static Plan story() throws Exception {
        return HOLDER.planner().plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0",
                "swd", false, false));
    }

    private static Map<String, byte[]> upstream;

    private static synchronized Map<String, byte[]> upstream() {
        UpstreamBundle.assumePresent();
        if (upstream == null) {
            Map<String, byte[]> m = new HashMap<>();
            UpstreamBundle.distinctBinaries().forEach(f -> m.put(Sha256.of(f.bytes()), f.bytes()));
            upstream = m;
        }
        return upstream;
    }

    /** A factory part whose stack install (the 9th programmer call of the story) fails with a write error. */
    private static Path device(Path dir) throws Exception {
        SimulatorStateFile state = new SimulatorStateFile(dir.resolve("device.json"));
        state.write(SimulatorStateFile.Stored.of(DeviceState.factory("1M")).withFault(9, Faults.Kind.WRITE_ERROR));
        return state.path();
    }

    private static List<JsonNode> runStarts(Path journal) throws Exception {
        List<JsonNode> starts = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode e = JSON.readTree(line);
            if (e.path("type").asText().equals("run-start")) {
                starts.add(e);
            }
        }
        return starts;
    }

    @Test
    void resumeTakesTheFilesFromTheFolderTheRunUsed() throws Exception {
        Map<String, byte[]> upstream = upstream();
        Path dir = Files.createTempDirectory("resume-folder");
        Path firmware = Files.createDirectories(dir.resolve("fw"));
        for (PlanStep s : story().steps()) {
            if (s.file() != null) {
                Files.write(firmware.resolve(s.file()), upstream.get(s.sha256()));
            }
        }
        Path journal = dir.resolve("state/journal.jsonl");
        String[] device = {"--backend", "simulator", "--simulator-state", device(dir).toString(), "--journal",
                journal.toString()};
        Ran first = flash(concat(new String[] {"--target", "BLE_Stack_full", "--release", "v1.23.0", "--chip",
                "STM32WB55RG", "--firmware-dir", firmware.toString()}, device));
        assertEquals(ExitCodes.STEP_FAILED, first.exit(), first.all());

        Ran resumed = flash(concat(new String[] {"--resume"}, device));
        assertEquals(0, resumed.exit(), resumed.all());
        assertTrue(resumed.out().contains("resuming run"), resumed.all());
        List<JsonNode> starts = runStarts(journal);
        assertEquals(2, starts.size());
        for (JsonNode start : starts) {
            assertEquals(firmware.toAbsolutePath().normalize().toString(),
                    start.path("request").path("firmwareDirs").path(0).asText(), start.toString());
        }
    }

    @Test
    void resumeTakesTheFilesFromTheSameServer() throws Exception {
        Map<String, byte[]> upstream = upstream();
        AtomicInteger files = new AtomicInteger();
        AtomicInteger plans = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/plan", exchange -> {
            plans.incrementAndGet();
            Map<String, String> q = new HashMap<>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(HOLDER.planner().plan(new Planner.Request(q.get("chip"), q.get("fus"),
                        q.get("stack"), q.get("target"), q.get("release"), q.get("interface"), false, false)));
            } catch (Exception e) {
                body = new byte[0];
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body.length == 0 ? 500 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/v1/binaries/", exchange -> {
            files.incrementAndGet();
            String sha = exchange.getRequestURI().getPath().split("/")[4];
            byte[] body = upstream.get(sha);
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Path dir = Files.createTempDirectory("resume-server");
            Path journal = dir.resolve("state/journal.jsonl");
            String[] device = {"--backend", "simulator", "--simulator-state", device(dir).toString(), "--journal",
                    journal.toString()};
            Ran first = flash(concat(new String[] {"--target", "BLE_Stack_full", "--release", "v1.23.0", "--chip",
                    "STM32WB55RG", "--server", url}, device));
            assertEquals(ExitCodes.STEP_FAILED, first.exit(), first.all());
            int plansBefore = plans.get();
            int filesBefore = files.get();

            Ran resumed = flash(concat(new String[] {"--resume"}, device));
            assertEquals(0, resumed.exit(), resumed.all());
            assertTrue(plans.get() > plansBefore, "the resumed run planned on the same server");
            assertTrue(files.get() > filesBefore, "the resumed run took its files from the same server");
            for (JsonNode start : runStarts(journal)) {
                assertEquals(url, start.path("request").path("server").asText(), start.toString());
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sourcesGivenWithResumeTakeThePlaceOfTheRuns() throws Exception {
        Map<String, byte[]> upstream = upstream();
        Path dir = Files.createTempDirectory("resume-other-folder");
        Path firmware = Files.createDirectories(dir.resolve("fw"));
        Path moved = Files.createDirectories(dir.resolve("moved"));
        for (PlanStep s : story().steps()) {
            if (s.file() != null) {
                Files.write(firmware.resolve(s.file()), upstream.get(s.sha256()));
                Files.write(moved.resolve(s.file()), upstream.get(s.sha256()));
            }
        }
        Path journal = dir.resolve("state/journal.jsonl");
        String[] device = {"--backend", "simulator", "--simulator-state", device(dir).toString(), "--journal",
                journal.toString()};
        Ran first = flash(concat(new String[] {"--target", "BLE_Stack_full", "--release", "v1.23.0", "--chip",
                "STM32WB55RG", "--firmware-dir", firmware.toString()}, device));
        assertEquals(ExitCodes.STEP_FAILED, first.exit(), first.all());
        // the first folder is gone: only the one given now has the files
        for (PlanStep s : story().steps()) {
            if (s.file() != null) {
                Files.delete(firmware.resolve(s.file()));
            }
        }
        Ran resumed = flash(concat(new String[] {"--resume", "--firmware-dir", moved.toString()}, device));
        assertEquals(0, resumed.exit(), resumed.all());
        List<JsonNode> starts = runStarts(journal);
        assertEquals(moved.toAbsolutePath().normalize().toString(),
                starts.get(1).path("request").path("firmwareDirs").path(0).asText(), starts.get(1).toString());
    }

    @Test
    void aCommandLineMistakeIsNoRunInTheJournal() throws Exception {
        Path dir = Files.createTempDirectory("flash-mistake");
        Path journal = dir.resolve("journal.jsonl");
        Ran mistake = flash("--target", "BLE_Stack_full", "--backend", "simulator", "--simulator-state",
                dir.resolve("device.json").toString(), "--simulate", "factory-1M", "--journal", journal.toString());
        assertEquals(ExitCodes.USAGE, mistake.exit(), mistake.all());
        assertTrue(mistake.err().contains("fuspath flash needs to know where the firmware files are"), mistake.all());
        assertTrue(mistake.err().contains("fix: give --firmware-dir DIR"), mistake.all());
        assertFalse(mistake.all().contains("\tat "), mistake.all());
        assertTrue(!Files.exists(journal) || Files.readAllLines(journal).isEmpty(), "nothing journaled");
        Ran h = history(journal);
        assertEquals(0, h.exit(), h.all());
        assertEquals(0, JSON.readTree(h.out()).size(), h.out());
        // conflicting flags: refused before the journal too
        Ran conflict = flash("--target", "BLE_Stack_full", "--fus-only", "--journal", journal.toString());
        assertEquals(ExitCodes.USAGE, conflict.exit(), conflict.all());
        assertTrue(!Files.exists(journal) || Files.readAllLines(journal).isEmpty(), "nothing journaled");
    }

    @Test
    void historyListsFlashRunsNotUsageRefusalsOfOlderJournals() throws Exception {
        Path dir = Files.createTempDirectory("history-usage");
        Path journal = dir.resolve("journal.jsonl");
        // an older fuspath journaled a missing source as a refused run (exit 2), beside a real one (exit 8)
        Files.writeString(journal, String.join("\n",
                "{\"time\":\"2026-11-30T10:00:00Z\",\"type\":\"run-start\",\"run\":\"r1\",\"request\":{\"target\":"
                        + "\"BLE_Stack_full\",\"interface\":\"swd\",\"antiRollback\":false}}",
                "{\"time\":\"2026-11-30T10:00:01Z\",\"type\":\"run-end\",\"run\":\"r1\",\"ok\":false,\"outcome\":"
                        + "\"refused\",\"exitCode\":2,\"message\":\"the plan needs files and no --firmware-dir or"
                        + " --server says where they are\"}",
                "{\"time\":\"2026-11-30T10:01:00Z\",\"type\":\"run-start\",\"run\":\"r2\",\"request\":{\"target\":"
                        + "\"BLE_Stack_full\",\"interface\":\"swd\",\"antiRollback\":false}}",
                "{\"time\":\"2026-11-30T10:01:01Z\",\"type\":\"run-end\",\"run\":\"r2\",\"ok\":false,\"outcome\":"
                        + "\"refused\",\"exitCode\":8,\"message\":\"no device could be read\"}", ""));
        Ran h = history(journal);
        assertEquals(0, h.exit(), h.all());
        JsonNode runs = JSON.readTree(h.out());
        assertEquals(1, runs.size(), h.out());
        assertEquals("r2", runs.get(0).get("run").asText());
        Ran text = run(new CommandLine(new HistoryCommand()), "--journal", journal.toString());
        assertFalse(text.out().contains("r1"), text.out());
        assertTrue(text.out().contains("r2"), text.out());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
