package dev.fuspath.sync;

import static dev.fuspath.testing.SyntheticUpstream.FUS_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.STACK_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.image;
import static dev.fuspath.testing.SyntheticUpstream.notes;
import static dev.fuspath.testing.SyntheticUpstream.section;
import static dev.fuspath.testing.SyntheticUpstream.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Anomaly;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.SyntheticUpstream;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release that vanishes from the source, or loses its binaries, is kept as it was and reported (issue 9, 5). */
public class SyncRemovalTest {

    @TempDir
    Path tmp;
    private SyntheticUpstream upstream;

    /** Two releases, v1.0.0 and v1.1.0, in the old flat layout. */
    public static SyntheticUpstream twoReleases(Path dir) throws Exception {
        SyntheticUpstream up = SyntheticUpstream.create(dir);
        for (String v : List.of("1.0.0", "1.1.0")) {
            int minor = Integer.parseInt(v.split("\\.")[1]);
            up.put("stm32wb5x_FUS_fw.bin", image(6000, FUS_MAGIC, 0x01020000L, 4096))
                    .put("stm32wb5x_BLE_Stack_fw.bin", image(8000 + minor * 100, STACK_MAGIC,
                            0x01000000L | (minor << 16), 4096))
                    .putText("Release_Notes.html", notes(section("V" + v + " / 0" + (minor + 1) + "-January-2024",
                            table("FUS", "Firmware Upgrade Services Binary|Install address|Version|Date",
                                    "stm32wb5x_FUS_fw.bin|0x080EC000|v1.2.0|01/01/2024"),
                            table("Stacks", "Wireless Coprocessor Binary|Install address|Version|Date",
                                    "stm32wb5x_BLE_Stack_fw.bin|0x080F2000|v" + v + "|01/01/2024"))))
                    .release("v" + v);
        }
        return up;
    }

    @BeforeEach
    void upstream() throws Exception {
        upstream = twoReleases(tmp.resolve("upstream"));
    }

    @AfterEach
    void close() {
        upstream.close();
    }

    private CatalogSync.Result sync(Path out, boolean allowRemovals) throws Exception {
        return new CatalogSync(Rules.bundled(), 30, allowRemovals).sync(upstream.dir().toString(),
                tmp.resolve("mirror.git"), PreviousCatalog.in(out), out);
    }

    private static List<Anomaly> vanished(Catalog c) {
        return c.anomalies().stream().filter(a -> a.code().equals("release-vanished")).toList();
    }

    @Test
    void aTagMovedToACommitWithoutBinariesKeepsTheReleaseAndReportsIt() throws Exception {
        Path out = tmp.resolve("catalog");
        sync(out, false);
        Catalog before = CatalogFiles.read(out);
        ReleaseCatalog v100 = before.release("v1.0.0").orElseThrow();
        upstream.put("stm32wb5x_FUS_fw.bin", null).put("stm32wb5x_BLE_Stack_fw.bin", null)
                .put("Release_Notes.html", null).release("v1.0.0");

        CatalogSync.Result r = sync(out, false);
        assertEquals(1, r.removals().size());
        CatalogSync.Removal removal = r.removals().get(0);
        assertEquals("v1.0.0", removal.tag());
        assertTrue(removal.kept());
        assertFalse(removal.nowCommit().equals(v100.commit()));
        assertTrue(removal.describe().contains("now points at commit " + removal.nowCommit().substring(0, 12)
                + ", which has no coprocessor binaries; the release is kept as it was at commit "
                + v100.commit().substring(0, 12)), removal.describe());

        Catalog written = CatalogFiles.read(out); // the written catalog passes the load check
        assertEquals(List.of("v1.1.0", "v1.0.0"), written.releases().stream().map(s -> s.tag()).toList());
        assertTrue(v100.equals(written.release("v1.0.0").orElseThrow()), "kept exactly as it was");
        assertEquals("v1.1.0", written.newestRelease().orElseThrow().tag());
        List<Anomaly> anomalies = vanished(written);
        assertEquals(1, anomalies.size());
        assertEquals("v1.0.0", anomalies.get(0).tag());
        assertEquals("STM32WB5x", anomalies.get(0).family());
        assertEquals("warning", anomalies.get(0).severity());
        assertEquals(v100.commit(), anomalies.get(0).evidence().get("commit"));
        assertEquals(removal.nowCommit(), anomalies.get(0).evidence().get("sourceCommit"));

        CatalogSync.Result again = sync(out, false);
        assertEquals(1, again.removals().size(), "reported again at every sync while the source lacks it");
        assertTrue(written.release("v1.0.0").equals(CatalogFiles.read(out).release("v1.0.0")));
    }

    @Test
    void aDeletedTagKeepsTheReleaseAndReportsIt() throws Exception {
        Path out = tmp.resolve("catalog");
        sync(out, false);
        Catalog before = CatalogFiles.read(out);
        try (Git git = Git.open(upstream.dir().toFile())) {
            git.tagDelete().setTags("v1.1.0").call();
        }
        CatalogSync.Result r = sync(out, false);
        assertEquals(1, r.removals().size());
        assertEquals("v1.1.0", r.removals().get(0).tag());
        assertNull(r.removals().get(0).nowCommit());
        assertTrue(r.removals().get(0).describe().startsWith("the release tag v1.1.0 is gone from the source"));
        Catalog written = CatalogFiles.read(out);
        assertEquals("v1.1.0", written.newestRelease().orElseThrow().tag(), "the default release does not change");
        assertTrue(before.release("v1.1.0").equals(written.release("v1.1.0")), "kept exactly as it was");
        assertEquals(1, vanished(written).size());
    }

    @Test
    void allowedRemovalsDropTheRelease() throws Exception {
        Path out = tmp.resolve("catalog");
        sync(out, false);
        try (Git git = Git.open(upstream.dir().toFile())) {
            git.tagDelete().setTags("v1.1.0").call();
        }
        CatalogSync.Result r = sync(out, true);
        assertEquals(1, r.removals().size());
        assertFalse(r.removals().get(0).kept());
        Catalog written = CatalogFiles.read(out);
        assertEquals(List.of("v1.0.0"), written.releases().stream().map(s -> s.tag()).toList());
        assertTrue(vanished(written).isEmpty());
    }

    @Test
    void theServiceKeepsServingAReleaseWhoseTagLostItsBinaries() throws Exception {
        Path out = tmp.resolve("catalog");
        sync(out, false);
        dev.fuspath.app.CatalogHolder holder = new dev.fuspath.app.CatalogHolder(java.util.Optional.of(out));
        ReleaseCatalog newest = holder.catalog().newestRelease().orElseThrow();
        assertEquals("v1.1.0", newest.tag());
        upstream.put("stm32wb5x_FUS_fw.bin", null).put("stm32wb5x_BLE_Stack_fw.bin", null)
                .put("Release_Notes.html", null).release("v1.1.0");

        CatalogSync.Result r = holder.sync(upstream.dir().toString(), tmp.resolve("mirror.git"));
        assertEquals(1, r.removals().size());
        assertTrue(r.removals().get(0).kept());
        assertTrue(newest.equals(holder.catalog().newestRelease().orElseThrow()),
                "the default release of plans does not change");
        assertEquals(1, vanished(holder.catalog()).size(), "the served catalog reports it");
        assertEquals("v1.1.0", vanished(holder.catalog()).get(0).tag());
    }
}
