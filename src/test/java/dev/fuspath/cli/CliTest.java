package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.testing.UpstreamBundle;
import dev.fuspath.web.UpstreamImages;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes, messages, and that a failed sync leaves the disk as it was. */
@QuarkusMainTest
class CliTest {


    @TempDir
    Path temp;



    private static String all(LaunchResult result) {
        return result.getOutput() + "\n" + result.getErrorOutput();
    }

    @Test
    @Launch("--help")
    void helpListsTheCommands(LaunchResult result) {
        String out = result.getOutput();
        for (String command : new String[] {"serve", "sync", "inspect", "plan"}) {
            assertTrue(out.matches("(?s).*\\n\\s+" + command + "\\s.*"), "no " + command + " in\n" + out);
        }
        assertEquals(null, System.getProperty("quarkus.http.host-enabled"),
                "the command-line settings of Main end with its run, so a later service in this JVM listens");
    }

    @Test
    void inspectOfAMissingFile(QuarkusMainLauncher launcher) {
        Path missing = temp.resolve("no-such-image.bin");
        LaunchResult result = launcher.launch("inspect", missing.toString());
        assertEquals(ExitCodes.IO_ERROR, result.exitCode(), all(result));
        assertTrue(result.getErrorOutput().contains(missing.toString()), all(result));
    }

    @Test
    void inspectJsonOfGarbage(QuarkusMainLauncher launcher) throws IOException {
        Path garbage = temp.resolve("stm32wb5x_BLE_Stack_full_fw.bin");
        Files.write(garbage, "this is not a coprocessor image ".repeat(64).getBytes(StandardCharsets.US_ASCII));
        LaunchResult result = launcher.launch("inspect", "--json", garbage.toString());
        assertEquals(ExitCodes.FINDINGS, result.exitCode(), all(result));
        String out = result.getOutput();
        JsonNode reports = new ObjectMapper().readTree(out.substring(out.indexOf('['), out.lastIndexOf(']') + 1));
        assertEquals(1, reports.size(), out);
        JsonNode report = reports.get(0);
        assertEquals("invalid", report.get("kind").asText());
        assertEquals("stm32wb5x_BLE_Stack_full_fw.bin", report.get("filename").asText());
        assertEquals(2048, report.get("size").asInt());
        boolean error = false;
        for (JsonNode finding : report.get("findings")) {
            error |= "error".equals(finding.get("severity").asText());
        }
        assertTrue(error, "exit 1 means an error finding: " + report.get("findings"));
    }

    @Test
    void inspectOfARealImage(QuarkusMainLauncher launcher) throws IOException {
        UpstreamBundle.assumePresent();
        Path image = temp.resolve("stm32wb5x_BLE_Stack_full_fw.bin");
        Files.write(image, UpstreamImages.read("v1.24.0", "STM32WB5x", "stm32wb5x_BLE_Stack_full_fw.bin"));
        LaunchResult result = launcher.launch("inspect", image.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), all(result));
        assertTrue(result.getOutput().contains("stack (BLE_Stack_full)"), result.getOutput());
        assertTrue(result.getOutput().contains("1.24.0"), result.getOutput());
    }

    @Test
    void syncFromANonexistentSourceWritesNothing(QuarkusMainLauncher launcher) {
        Path out = temp.resolve("cat");
        LaunchResult result = launcher.launch("sync", "--source", "/nonexistent/path", "--out", out.toString(),
                "--mirror", temp.resolve("m").toString());
        assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), all(result));
        assertTrue(result.getErrorOutput().contains("nothing was changed"), all(result));
        assertFalse(Files.exists(out), out + " was created");
    }

    @Test
    void syncFromACorruptBundleLeavesTheCatalogAlone(QuarkusMainLauncher launcher) throws IOException {
        Path bundle = temp.resolve("corrupt.bundle");
        Files.write(bundle, "# v2 git bundle\nthis is not a ref line\n\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1));
        Path out = temp.resolve("catalog");
        copyTree(packedCatalog(), out);
        Map<String, byte[]> before = snapshot(out);
        assertTrue(before.containsKey("index.json"), before.keySet().toString());
        LaunchResult result = launcher.launch("sync", "--source", bundle.toString(), "--out", out.toString(),
                "--mirror", temp.resolve("m").toString());
        assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), all(result));
        assertTrue(result.getErrorOutput().contains("nothing was changed"), all(result));
        assertSameFiles(before, snapshot(out));
        assertEquals(1, countEntries(temp, "catalog"), "no staging or backup folder is left beside --out");
    }

    @Test
    void syncRefusesToReplaceAFolderThatIsNoCatalog(QuarkusMainLauncher launcher) throws IOException {
        Path bundle = UpstreamBundle.assumePresent();
        Path out = temp.resolve("photos");
        Files.createDirectories(out);
        Files.writeString(out.resolve("holiday.txt"), "not a catalog");
        Map<String, byte[]> before = snapshot(out);
        // the mirror the bundle tests share in the build folder: fetched once, so this sync only reads
        LaunchResult result = launcher.launch("sync", "--source", bundle.toString(), "--out", out.toString(),
                "--mirror", UpstreamBundle.mirror().toAbsolutePath().toString());
        assertEquals(ExitCodes.SYNC_FAILED, result.exitCode(), all(result));
        assertTrue(result.getErrorOutput().contains("nothing was changed"), all(result));
        assertSameFiles(before, snapshot(out));
        assertEquals(1, countEntries(temp, "photos"), "no staging folder is left beside --out");
    }

    private static long countEntries(Path dir, String expectedOnly) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().equals("m")
                    && !p.getFileName().toString().endsWith(".bundle")).peek(p -> assertEquals(expectedOnly,
                    p.getFileName().toString(), "unexpected " + p)).count();
        }
    }

    /** The catalog as the build packed it: a sync running beside the tests cannot catch it half-written. */
    private static Path packedCatalog() {
        try {
            return Path.of(CliTest.class.getClassLoader().getResource("catalog/index.json").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Every file under {@code dir} (relative name to bytes); folders count as entries too. */
    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                files.put(Files.isDirectory(p) ? name + "/" : name, Files.isDirectory(p) ? new byte[0] : Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " changed"));
    }
}
