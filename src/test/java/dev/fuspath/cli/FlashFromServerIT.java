package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatorStateFile;
import dev.fuspath.testing.FakeProgrammer;
import dev.fuspath.testing.Packaged;
import dev.fuspath.testing.UpstreamBundle;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged fuspath serving a catalog synced from the bundle (so it keeps a git mirror), and a second fuspath
 * flashing with --server only: the plan and every file come from the service.
 */
class FlashFromServerIT {

    @Test
    void planAndFilesFromAServer() throws Exception {
        Path bundle = UpstreamBundle.assumePresent();
        Packaged.launcher();
        Path dir = Files.createTempDirectory("flash-server");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process server = new ProcessBuilder(Packaged.fuspath("-Dquarkus.http.port=" + port,
                "-Dfuspath.sync.source=" + bundle, "-Dfuspath.sync.mirror=" + dir.resolve("mirror.git"), "serve"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            waitForMirror(port, dir);
            SimulatorStateFile state = new SimulatorStateFile(dir.resolve("device.json"));
            state.write(SimulatorStateFile.Stored.of(DeviceState.factory("1M")));
            Path cli = FakeProgrammer.install(dir.resolve("bin"), state.path());
            Process flash = new ProcessBuilder(Packaged.fuspath("flash", "--programmer", cli.toString(),
                    "--server", "http://127.0.0.1:" + port, "--journal", dir.resolve("journal.jsonl").toString(),
                    "--chip", "STM32WB55RG", "--target", "BLE_Stack_full"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("flash.log").toFile()).start();
            assertTrue(flash.waitFor(240, TimeUnit.SECONDS), "flash ended");
            String log = Files.readString(dir.resolve("flash.log"));
            assertEquals(0, flash.exitValue(), log);
            assertTrue(log.contains("from the fuspath server at http://127.0.0.1:" + port), log);
            DeviceState device = state.read().device();
            assertEquals(FirmwareVersion.of(2, 2, 0), device.fus());
            assertEquals("BLE_Stack_full", device.stack().name());

            // a plan fetched by URL that was made for the factory state no longer fits the device: refused, unwritten
            String planUrl = "http://127.0.0.1:" + port + "/api/v1/plan?chip=STM32WB55RG&fus=0.5.3&target=BLE_Stack_full";
            long callsBefore = Files.readAllLines(state.callLog()).size();
            Process stale = new ProcessBuilder(Packaged.fuspath("flash", "--programmer", cli.toString(),
                    "--server", "http://127.0.0.1:" + port, "--journal", dir.resolve("journal.jsonl").toString(),
                    "--plan", planUrl))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stale.log").toFile()).start();
            assertTrue(stale.waitFor(120, TimeUnit.SECONDS), "flash ended");
            String staleLog = Files.readString(dir.resolve("stale.log"));
            assertEquals(8, stale.exitValue(), staleLog);
            assertTrue(staleLog.contains("was made for FUS 0.5.3 (device: 2.2.0)"), staleLog);
            assertTrue(Files.readAllLines(state.callLog()).stream().skip(callsBefore)
                    .noneMatch(c -> c.contains("-fwupgrade") || c.contains("-fwdelete")), "nothing written");
            assertTrue(state.read().device().stackRunning(), "the stack still runs");
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The first sync is done when the content endpoint stops answering 503. */
    private static void waitForMirror(int port, Path dir) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // the FUS image for parts on 0.5.3, shipped by every release since v1.4.0
        String sha = "3f73a9be93eec3de7ff663d4b8a7669064c86f841db401c8ccee4f6ccd4e4b30";
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/binaries/" + sha + "/content")).GET()
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service never served files: " + Files.readString(dir.resolve("server.log")));
    }
}
