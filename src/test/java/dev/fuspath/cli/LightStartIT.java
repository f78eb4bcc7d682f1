package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged {@code target/fuspath} launcher starts plan, inspect, diagnose and help on its light path
 * (LightMain, no Quarkus): for each of these command lines its standard output, standard error and exit code are
 * byte for byte those of {@code java -jar quarkus-run.jar}, the Quarkus path. And {@code serve --help} starts
 * nothing on either path.
 */
class LightStartIT {

    private static Path jar;
    private static Path launcher;
    private static Path work;

    record Run(int exit, byte[] out, byte[] err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8) + new String(err, StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void packaged() throws IOException {
        String path = System.getProperty("fuspath.jar");
        assumeTrue(path != null && Files.isRegularFile(Path.of(path)), "skipped: no packaged fuspath (run mvn verify)");
        jar = Path.of(path).toAbsolutePath();
        launcher = jar.getParent().getParent().resolve("fuspath");
        assertTrue(Files.isExecutable(launcher), "./mvnw package makes the launcher beside quarkus-app/: " + launcher);
        work = Files.createTempDirectory("light-start");
        Files.write(work.resolve("zeros.bin"), new byte[64]);
        Files.createDirectories(work.resolve("a-folder"));
        for (String log : new String[] {"success-swd-fus-chain-and-stack.log", "fus-v2-only-on-fus1-usb.log",
                "wrong-address-gui.log"}) {
            Files.copy(Path.of("src/test/resources/logs", log), work.resolve(log));
        }
    }

    static Stream<String> commandLines() {
        return Stream.of(
                // the planner's seed stories, text and JSON
                "plan --chip STM32WB55RGV6TR --fus 0.5.3 --target BLE_Stack_full --release v1.23.0",
                "plan --chip STM32WB55RGV6TR --fus 0.5.3 --target BLE_Stack_full --release v1.23.0 --json",
                "plan --chip STM32WB55RG --fus 1.2.0 --stack none --target BLE_Stack_light --interface usb",
                "plan --chip STM32WB35CC --fus 0.5.3 --fus-only --json",
                "plan --chip STM32WB15CC --fus 1.2.0 --target BLE_Stack_full --release v1.17.0",
                // refusals: unknown chip or release (6), no such target (7), command-line mistakes (2)
                "plan --chip STM32WB99 --fus 0.5.3",
                "plan --chip STM32WB55RG --fus 0.5.3 --release v9.9.9",
                "plan --chip STM32WB55RG --fus 0.5.3 --target Zigbee_nothing --release v1.23.0",
                "plan --chip STM32WB55RG",
                "plan --chip STM32WB55RG --fus 0.5.3 --no-such-flag",
                "plan --chip STM32WB55RG --fus banana",
                "plan --help",
                "inspect zeros.bin",
                "inspect --json zeros.bin",
                "inspect missing.bin zeros.bin",
                "inspect a-folder",
                "diagnose success-swd-fus-chain-and-stack.log",
                "diagnose fus-v2-only-on-fus1-usb.log --json",
                "diagnose wrong-address-gui.log --chip STM32WB55RG --fus 1.2.0",
                "diagnose missing.log",
                "diagnose --chip STM32WB99 success-swd-fus-chain-and-stack.log",
                "--help",
                "--version",
                "",
                "frobnicate",
                "serve --help",
                "flash --help",
                "sync -h",
                "history --version");
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void theLightPathPrintsWhatQuarkusPrints(String commandLine) throws Exception {
        List<String> args = commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" "));
        // both paths at once (each its own process, files and working folder): a case takes the slower one's time
        CompletableFuture<Run> quarkusRun = CompletableFuture.supplyAsync(() -> runUnchecked(quarkus(args)));
        Run light = run(light(args), null);
        Run quarkus = quarkusRun.join();
        assertEquals(quarkus.exit(), light.exit(), () -> "exit code of " + commandLine + "\nquarkus: " + quarkus.text()
                + "\nlight: " + light.text());
        assertEquals(new String(quarkus.out(), StandardCharsets.UTF_8), new String(light.out(), StandardCharsets.UTF_8),
                "standard output of " + commandLine);
        assertArrayEquals(quarkus.out(), light.out(), "standard output of " + commandLine);
        assertEquals(new String(quarkus.err(), StandardCharsets.UTF_8), new String(light.err(), StandardCharsets.UTF_8),
                "standard error of " + commandLine);
        assertFalse(light.text().contains("\tat "), "no stack trace: " + light.text());
    }

    @Test
    void diagnoseReadsStandardInputAlike() throws Exception {
        Path log = work.resolve("wrong-address-gui.log");
        Run quarkus = run(quarkus(List.of("diagnose", "-", "--json")), log);
        Run light = run(light(List.of("diagnose", "-", "--json")), log);
        assertEquals(quarkus.exit(), light.exit());
        assertArrayEquals(quarkus.out(), light.out(), light.text());
        assertArrayEquals(quarkus.err(), light.err(), light.text());
        assertTrue(light.out().length > 100, light.text());
    }

    @Test
    void anUnreadableCatalogFolderFailsAlike() throws Exception {
        for (String command : new String[] {"plan --chip STM32WB55RG --fus 0.5.3", "inspect zeros.bin",
                "diagnose wrong-address-gui.log"}) {
            List<String> args = List.of(command.split(" "));
            ProcessBuilder quarkus = quarkus(args);
            ProcessBuilder light = new ProcessBuilder(light(args)).directory(work.toFile());
            for (ProcessBuilder pb : List.of(quarkus, light)) {
                pb.environment().put("FUSPATH_CATALOG_DIR", work.resolve("no-catalog-here").toString());
            }
            Run q = run(quarkus, null);
            Run l = run(light, null);
            assertEquals(q.exit(), l.exit(), command + "\n" + q.text() + "\n" + l.text());
            assertEquals(4, l.exit(), l.text());
            assertEquals(new String(q.err(), StandardCharsets.UTF_8), new String(l.err(), StandardCharsets.UTF_8));
            assertArrayEquals(q.out(), l.out(), command);
            assertTrue(l.text().contains("cannot load the catalog from"), l.text());
        }
    }

    @Test
    void theLightPathStartsNoQuarkus() throws Exception {
        Run light = run(light(List.of("-Dquarkus.log.level=INFO", "plan", "--chip", "STM32WB55RG", "--fus", "0.5.3",
                "--target", "BLE_Stack_full", "--json")), null);
        assertEquals(0, light.exit(), light.text());
        ProcessBuilder pb = new ProcessBuilder(light(List.of("plan", "--chip", "STM32WB55RG", "--fus", "0.5.3")))
                .directory(work.toFile());
        pb.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + work.resolve("classes.txt"));
        Run logged = run(pb, null);
        assertEquals(0, logged.exit(), logged.text());
        String classes = Files.readString(work.resolve("classes.txt"));
        assertTrue(classes.contains("dev.fuspath.launch.LightMain"), "ran the light path");
        for (String heavy : new String[] {"io.quarkus.runtime.Application", "io.vertx.core.Vertx", "io.quarkus.arc.Arc",
                "io.micrometer.core.instrument.MeterRegistry", "org.eclipse.microprofile.health.HealthCheck",
                "io.netty.channel.Channel "}) {
            assertFalse(classes.contains(heavy), heavy + " loaded on the light path");
        }
    }

    /**
     * The launcher's Quarkus path (flash, history, serve, sync, station) maps the archive package.sh made for it:
     * with -Xshare:on (given last, so it wins) a JVM that cannot map its archive refuses to start.
     */
    @Test
    void theQuarkusPathMapsItsClassDataArchive() throws Exception {
        assertTrue(Files.isRegularFile(jar.getParent().resolve("fuspath-quarkus.jsa")), "package.sh made the archive");
        ProcessBuilder pb = new ProcessBuilder(light(List.of("history", "--journal", work.resolve("none.jsonl")
                .toString()))).directory(work.toFile());
        pb.environment().put("JAVA_OPTS", "-Xshare:on");
        Run r = run(pb, null);
        assertEquals(0, r.exit(), r.text());
        assertTrue(r.text().contains("no runs"), r.text());
    }

    @Test
    void serveHelpStartsNothingOnEitherPath() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = "-Dquarkus.http.port=" + taken.getLocalPort();
            List<String> quarkus = new ArrayList<>(List.of("java", port, "-jar", jar.toString(), "serve", "--help"));
            for (List<String> command : List.of(quarkus, light(List.of(port, "serve", "--help")))) {
                long start = System.nanoTime();
                Run r = run(new ProcessBuilder(command).directory(work.toFile()), null);
                assertEquals(0, r.exit(), command + ": " + r.text());
                String out = new String(r.out(), StandardCharsets.UTF_8);
                assertTrue(out.startsWith("Usage: fuspath serve"), out);
                assertFalse(r.text().contains("Port already bound") || r.text().contains("Listening on"), r.text());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(120));
            }
        }
    }

    /**
     * The Quarkus path as the launcher starts it for serve, sync, flash and history (its class-data archive, C1): the
     * options change how fast it starts, never what it prints.
     */
    private static ProcessBuilder quarkus(List<String> args) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:TieredStopAtLevel=1"));
        Path archive = jar.getParent().resolve("fuspath-quarkus.jsa");
        if (Files.isRegularFile(archive)) {
            command.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive, "-Xlog:disable",
                    "-Xlog:all=error:stderr"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).directory(work.toFile());
    }

    private static List<String> light(List<String> args) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        return command;
    }

    private static Run runUnchecked(ProcessBuilder pb) {
        try {
            return run(pb, null);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static Run run(List<String> command, Path stdin) throws Exception {
        return run(new ProcessBuilder(command).directory(work.toFile()), stdin);
    }

    private static Run run(ProcessBuilder pb, Path stdin) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running after 180 s: " + pb.command());
        }
        return new Run(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }
}
