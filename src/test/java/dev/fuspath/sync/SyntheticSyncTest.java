package dev.fuspath.sync;

import static dev.fuspath.testing.SyntheticUpstream.FUS_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.FUS_V2_STACK_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.STACK_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.image;
import static dev.fuspath.testing.SyntheticUpstream.notes;
import static dev.fuspath.testing.SyntheticUpstream.section;
import static dev.fuspath.testing.SyntheticUpstream.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Anomaly;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Kind;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.CatalogAssertions;
import dev.fuspath.testing.SyntheticUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole sync, on a small upstream-shaped repository made here: runs without the real bundle. */
class SyntheticSyncTest {

    private static final byte[] FUS_ANY = image(6000, FUS_MAGIC, 0xFFFFFFFFL, 4096);
    private static final String WB5 = "STM32WB5x/";

    @TempDir
    Path tmp;
    private SyntheticUpstream upstream;
    private final CatalogSync sync = new CatalogSync(Rules.bundled(), 30);

    @BeforeEach
    void twoReleases() throws Exception {
        upstream = SyntheticUpstream.create(tmp.resolve("upstream"));
        String v100 = section("V1.0.0 / 01-January-2024",
                table("FUS", "Firmware Upgrade Services Binary|Install address|Version|Date",
                        "stm32wb5x_FUS_fw.bin|0x080EC000|v1.2.0|01/01/2024"),
                table("Stacks", "Wireless Coprocessor Binary|Install address|Version|Date",
                        "stm32wb5x_BLE_Stack_fw.bin|0x080F2000|v1.0.0|01/01/2024"));
        upstream.put("stm32wb5x_FUS_fw.bin", FUS_ANY)
                .put("stm32wb5x_BLE_Stack_fw.bin", image(8000, STACK_MAGIC, 0x01000000L, 4096))
                .putText("Release_Notes.html", notes(v100))
                .release("v1.0.0");
        upstream.put("stm32wb5x_FUS_fw.bin", null).put("stm32wb5x_BLE_Stack_fw.bin", null)
                .put("Release_Notes.html", null)
                .put(WB5 + "stm32wb5x_FUS_fw_1_2_0.bin", FUS_ANY)
                .put(WB5 + "stm32wb5x_FUS_fw_for_fus_0_5_3.bin", FUS_ANY)
                .put(WB5 + "stm32wb5x_FUS_fw_1_0_2.bin", new byte[0])
                .put(WB5 + "stm32wb5x_BLE_Stack_full_fw.bin", image(12000, STACK_MAGIC, 0x01010000L, 4096))
                .put(WB5 + "stm32wb5x_Thread_FTD_fw.bin", image(3900, STACK_MAGIC, 0x01010000L, 4096))
                .putText(WB5 + "Release_Notes.html", notes(v110(), v100))
                .release("v1.1.0");
    }

    private static String v110() {
        return section("V1.1.0 / 02-January-2024",
                table("Firmware Upgrade Services Binary Table",
                        "FW Upgrade Services Binary|STM32WB5xxG(1M)|STM32WB5xxE(512K)|Version",
                        "stm32wb5x_FUS_fw_for_fus_0_5_3.bin|0x080EC000|0x0807A000|V1.0.0",
                        "stm32wb5x_FUS_fw_1_2_0.bin|0x080EC000|0x0807A000|V1.2.0"),
                table("Wireless Coprocessor Binary Table",
                        "Wireless Coprocessor Binary|STM32WB5xxG(1M)|STM32WB5xxE(512K)|Version",
                        "stm32wb5x_BLE_Stack_full_fw.bin|0x080F1000|0x0807D000|V1.1.0",
                        "stm32wb5x_Thread_FTD_fw.bin|0x080F4000|0x0807F000|V1.1.0",
                        "stm32wb5x_Zigbee_FFD_fw.bin|0x080A0000|NA|V1.1.0"));
    }

    /** Issue 14: the sync tells a progress monitor what it does, and fuspath sync shows it only when asked or at a terminal. */
    @Test
    void progressIsReportedToTheMonitorAndShownOnlyWhenAsked() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        org.eclipse.jgit.lib.ProgressMonitor monitor = new org.eclipse.jgit.lib.ProgressMonitor() {
            @Override
            public void start(int totalTasks) {
            }

            @Override
            public void beginTask(String title, int totalWork) {
                seen.add("begin " + title + " " + totalWork);
            }

            @Override
            public void update(int completed) {
                seen.add("update " + completed);
            }

            @Override
            public void endTask() {
                seen.add("end");
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public void showDuration(boolean enabled) {
            }
        };
        new CatalogSync(Rules.bundled(), 30).progress(monitor)
                .sync(upstream.dir().toString(), tmp.resolve("mirror.git"), Optional.empty(), tmp.resolve("out"));
        int begin = seen.indexOf("begin Reading release tags 2");
        assertTrue(begin >= 0, seen.toString());
        assertEquals(List.of("update 1", "update 1", "end"), seen.subList(begin + 1, begin + 4), seen.toString());

        for (boolean asked : List.of(false, true)) {
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cli = new picocli.CommandLine(new dev.fuspath.cli.SyncCommand());
            cli.setErr(new java.io.PrintWriter(err));
            cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
            List<String> args = new java.util.ArrayList<>(List.of("--source", upstream.dir().toString(), "--out",
                    tmp.resolve("cli-" + asked).toString(), "--mirror", tmp.resolve("cli-mirror-" + asked + ".git").toString()));
            if (asked) {
                args.add("--progress");
            }
            assertEquals(0, cli.execute(args.toArray(String[]::new)), err.toString());
            // the tests have no terminal: quiet unless --progress
            assertEquals(asked, err.toString().contains("Reading release tags"), err.toString());
            if (!asked) {
                assertEquals("", err.toString());
            }
        }
    }

    private CatalogSync.Result syncInto(Path out, Optional<Catalog> previous) throws SyncException {
        return sync.sync(upstream.dir().toString(), tmp.resolve("mirror.git"), previous, out);
    }

    private static BinaryRecord record(Catalog c, String tag, String file) {
        return c.release(tag).orElseThrow().binaries().stream().filter(b -> b.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " not in " + tag));
    }

    private static List<String> codes(Catalog c, String tag, String file) {
        return c.anomalies().stream().filter(a -> a.tag().equals(tag) && file.equals(a.file()))
                .map(Anomaly::code).sorted().toList();
    }

    @Test
    void readsBothLayoutsAndDerivesKindsVersionsAndAddresses() throws Exception {
        Catalog c = syncInto(tmp.resolve("catalog"), Optional.empty()).catalog();

        assertEquals(List.of("v1.1.0", "v1.0.0"), c.releases().stream().map(r -> r.tag()).toList());
        assertEquals(List.of("STM32WB5x"), c.release("v1.0.0").orElseThrow().familyNames());
        BinaryRecord old = record(c, "v1.0.0", "stm32wb5x_BLE_Stack_fw.bin");
        assertEquals("BLE_Stack_full", old.stack());
        assertEquals(Map.of("1M", "0x080F2000"), old.installAddress());
        assertEquals("0x080F2000", old.computedAddress().get("1M"));

        BinaryRecord forFus = record(c, "v1.1.0", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin");
        assertEquals(Kind.FUS, forFus.kind());
        assertEquals("1.2.0", forFus.version(), "the notes say 1.0.0, but these bytes are 1.2.0 in most places");
        assertEquals("identity", forFus.versionSource());
        assertEquals(List.of("notes-version-conflict"), codes(c, "v1.1.0", "stm32wb5x_FUS_fw_for_fus_0_5_3.bin"));

        BinaryRecord thread = record(c, "v1.1.0", "stm32wb5x_Thread_FTD_fw.bin");
        assertEquals("0x080F3000", thread.computedAddress().get("1M"));
        assertEquals("0x0807F000", thread.computedAddress().get("512K"));
        Anomaly mismatch = c.anomalies().stream().filter(a -> a.code().equals("address-mismatch")).findFirst().orElseThrow();
        assertEquals("stm32wb5x_Thread_FTD_fw.bin", mismatch.file());
        assertEquals("error", mismatch.severity(), "0x080F4000 would run past the top");
        assertEquals(1, c.anomalies().stream().filter(a -> a.code().equals("address-mismatch")).count());

        assertEquals(Kind.PLACEHOLDER, record(c, "v1.1.0", "stm32wb5x_FUS_fw_1_0_2.bin").kind());
        assertEquals(List.of("placeholder", "present-not-listed"), codes(c, "v1.1.0", "stm32wb5x_FUS_fw_1_0_2.bin"));
        assertEquals(List.of("listed-not-present"), codes(c, "v1.1.0", "stm32wb5x_Zigbee_FFD_fw.bin"));
        assertEquals(Map.of("1M", "0x080F4000", "512K", "0x08080000"), c.index().stackTops().get("STM32WB5x"));
    }

    @Test
    void sameInputGivesByteIdenticalFiles() throws Exception {
        syncInto(tmp.resolve("a"), Optional.empty());
        sync.sync(upstream.dir().toString(), tmp.resolve("other-mirror.git"), Optional.empty(), tmp.resolve("b"));
        CatalogAssertions.assertSameFiles(tmp.resolve("a"), tmp.resolve("b"));
    }

    @Test
    void unchangedTagsAreNotReadAgainAndNewOnesAre() throws Exception {
        Path out = tmp.resolve("catalog");
        CatalogSync.Result first = syncInto(out, Optional.empty());
        assertEquals(2, first.tagsRead());

        CatalogSync.Result again = sync.sync(upstream.dir().toString(), tmp.resolve("mirror.git"),
                PreviousCatalog.in(out), out);
        assertTrue(again.unchanged(), "same tags, same commits, same rules: nothing to derive or write");
        assertEquals(0, again.tagsRead());
        assertEquals(2, again.tagsReused());

        upstream.put(WB5 + "stm32wb5x_BLE_Stack_light_fw.bin", image(5000, FUS_V2_STACK_MAGIC, 0x01020000L, 4096))
                .putText(WB5 + "Release_Notes.html", notes(section("V1.2.0 / 03-January-2024",
                        table("Wireless Coprocessor Binary Table",
                                "Wireless Coprocessor Binary|STM32WB5xxG(1M)|STM32WB5xxE(512K)|FUS compatibility|Version",
                                "stm32wb5x_BLE_Stack_light_fw.bin|0x080EE000|0x0807A000|FUS_v2 only|V1.2.0")), v110()))
                .release("v1.2.0");
        CatalogSync.Result third = syncInto(out, Optional.of(CatalogFiles.read(out)));
        assertEquals(1, third.tagsRead());
        assertEquals(2, third.tagsReused());
        BinaryRecord light = record(third.catalog(), "v1.2.0", "stm32wb5x_BLE_Stack_light_fw.bin");
        assertTrue(light.fusV2Only());
        assertEquals("0x080EE000", light.computedAddress().get("1M"), "16 KiB reserved below FUS v2-only stacks");

        syncInto(tmp.resolve("full"), Optional.empty());
        CatalogAssertions.assertSameFiles(tmp.resolve("full"), out);
    }

    @Test
    void otherRulesDeriveAgainWithoutReadingTags() throws Exception {
        Path out = tmp.resolve("catalog");
        syncInto(out, Optional.empty());
        Path rulesDir = Files.createDirectories(tmp.resolve("rules"));
        Files.copy(Path.of("rules/families.json"), rulesDir.resolve("families.json"));
        Files.writeString(rulesDir.resolve("stack-names.json"), "{\"aliases\": {\"Thread_FTD\": \"Thread_Full\"}}");
        Rules other = Rules.load(rulesDir);

        CatalogSync.Result result = new CatalogSync(other, 30)
                .sync(upstream.dir().toString(), tmp.resolve("mirror.git"), PreviousCatalog.in(out), out);
        assertFalse(result.unchanged());
        assertEquals(0, result.tagsRead());
        assertEquals("Thread_Full", record(result.catalog(), "v1.1.0", "stm32wb5x_Thread_FTD_fw.bin").stack());
        assertEquals(other.fingerprint(), CatalogFiles.readIndex(out).rules());
    }

    @Test
    void aTagMovedToAnotherCommitIsReadAgain() throws Exception {
        Path out = tmp.resolve("catalog");
        syncInto(out, Optional.empty());
        upstream.put(WB5 + "stm32wb5x_Thread_FTD_fw.bin", image(4100, STACK_MAGIC, 0x01010000L, 4096)).release("v1.1.0");
        CatalogSync.Result result = syncInto(out, Optional.of(CatalogFiles.read(out)));
        assertEquals(1, result.tagsRead());
        assertEquals(4100 + 104, record(result.catalog(), "v1.1.0", "stm32wb5x_Thread_FTD_fw.bin").size());
    }

    @Test
    void notesItCannotParseFailTheSyncAndChangeNothing() throws Exception {
        Path out = tmp.resolve("catalog");
        syncInto(out, Optional.empty());
        Map<String, byte[]> before = CatalogAssertions.snapshot(out);
        upstream.putText(WB5 + "Release_Notes.html", "<html><body><p>no update history here</p></body></html>")
                .release("v1.3.0");

        SyncException e = assertThrows(SyncException.class, () -> syncInto(out, Optional.of(CatalogFiles.read(out))));
        assertTrue(e.getMessage().contains("v1.3.0"), e.getMessage());
        assertEquals(before.keySet(), CatalogAssertions.snapshot(out).keySet());
        CatalogAssertions.assertSameFiles(before, out);
    }

    @Test
    void anUnreachableSourceFailsAndChangesNothing() throws Exception {
        Path out = tmp.resolve("catalog");
        syncInto(out, Optional.empty());
        Map<String, byte[]> before = CatalogAssertions.snapshot(out);
        SyncException e = assertThrows(SyncException.class, () -> sync.sync(tmp.resolve("nowhere").toString(),
                tmp.resolve("mirror.git"), Optional.empty(), out));
        assertTrue(e.getMessage().contains("cannot fetch"), e.getMessage());
        CatalogAssertions.assertSameFiles(before, out);
    }

    @Test
    void refusesToReplaceAFolderThatIsNotACatalog() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("documents"));
        Files.writeString(out.resolve("thesis.txt"), "precious");
        SyncException e = assertThrows(SyncException.class, () -> syncInto(out, Optional.empty()));
        assertTrue(e.getMessage().contains("refusing to replace"), e.getMessage());
        assertEquals("precious", Files.readString(out.resolve("thesis.txt")));
        try (var list = Files.list(tmp)) {
            assertFalse(list.anyMatch(p -> p.getFileName().toString().startsWith(".documents")),
                    "no staging folder left behind");
        }
    }
}
