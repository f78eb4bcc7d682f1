package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import static dev.fuspath.testing.SyntheticUpstream.STACK_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.image;
import static dev.fuspath.testing.SyntheticUpstream.notes;
import static dev.fuspath.testing.SyntheticUpstream.section;
import static dev.fuspath.testing.SyntheticUpstream.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.rules.Rules;
import dev.fuspath.sync.CatalogSync;
import dev.fuspath.testing.SyntheticUpstream;
import dev.fuspath.testing.TestMirror;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File contents come from the mirror only verified, and stay readable while syncs change the mirror. */
class BinaryContentsTest {

    private static final String FULL = "STM32WB5x/stm32wb5x_BLE_Stack_full_fw.bin";

    @TempDir
    Path tmp;
    private SyntheticUpstream upstream;
    private Path catalogDir;
    private Path mirrorDir;
    private CatalogHolder holder;

    private static String notesFor(String version) {
        return notes(section("V" + version + " / 01-January-2024", table("Wireless Coprocessor Binary Table",
                "Wireless Coprocessor Binary|STM32WB5xxG(1M)|Version",
                "stm32wb5x_BLE_Stack_full_fw.bin|0x080F1000|V" + version)));
    }

    private void release(int minor, byte[] stack) throws Exception {
        String version = "1." + minor + ".0";
        upstream.put(FULL, stack).putText("STM32WB5x/Release_Notes.html", notesFor(version)).release("v" + version);
    }

    private static byte[] stack(int minor) {
        return image(12000 + 16 * minor, STACK_MAGIC, 0x01000000L | (long) minor << 16, 4096);
    }

    @BeforeEach
    void oneRelease() throws Exception {
        upstream = SyntheticUpstream.create(tmp.resolve("upstream"));
        release(0, stack(0));
        catalogDir = tmp.resolve("catalog");
        mirrorDir = tmp.resolve("mirror.git");
        new CatalogSync(Rules.bundled(), 30).sync(upstream.dir().toString(), mirrorDir, Optional.empty(), catalogDir);
        holder = new CatalogHolder(Optional.of(catalogDir));
    }

    private BinaryRecord record(String tag) {
        return holder.catalog().release(tag).orElseThrow().binaries().get(0);
    }

    @Test
    void sendsTheVerifiedBytesOfTheCatalogsCommit() {
        BinaryContents.Found found = BinaryContents.find(holder.catalog(), new ServedMirror(Optional.of(mirrorDir), true),
                Sha256.of(stack(0)));
        assertArrayEquals(stack(0), found.bytes());
        assertEquals("v1.0.0", found.tag());
        assertEquals(holder.catalog().release("v1.0.0").orElseThrow().commit(), found.commit());
    }

    @Test
    void readsTheCatalogsCommitEvenAfterUpstreamMovedTheTag() throws Exception {
        Catalog before = holder.catalog();
        release(0, stack(7)); // v1.0.0 re-tagged on other bytes; the mirror fetches it, the catalog is not rebuilt
        new CatalogSync(Rules.bundled(), 30).sync(upstream.dir().toString(), mirrorDir, Optional.empty(), null);
        BinaryContents.Found found = BinaryContents.find(before, new ServedMirror(Optional.of(mirrorDir), true),
                Sha256.of(stack(0)));
        assertArrayEquals(stack(0), found.bytes());
    }

    @Test
    void aCloneWithAWorkTreeServesAsTheMirror() {
        ServedMirror clone = new ServedMirror(Optional.of(upstream.dir()), false);
        assertArrayEquals(stack(0), BinaryContents.find(holder.catalog(), clone, Sha256.of(stack(0))).bytes());
        assertEquals(upstream.dir().resolve(".git"), clone.files().gitDir());
    }

    @Test
    void aMirrorMadeElsewhereIsReadByTagAndVerified() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere.git");
        BinaryRecord r = record("v1.0.0");
        try (TestMirror mirror = TestMirror.create(elsewhere)) {
            mirror.tag("v1.0.0", Map.of(r.path(), stack(0)));
        }
        ServedMirror served = new ServedMirror(Optional.of(elsewhere), false);
        assertArrayEquals(stack(0), BinaryContents.find(holder.catalog(), served, r.sha256()).bytes());

        try (TestMirror mirror = TestMirror.create(elsewhere)) {
            mirror.tag("v1.0.0", Map.of(r.path(), stack(3)));
        }
        ProblemException wrong = assertThrows(ProblemException.class,
                () -> BinaryContents.find(holder.catalog(), new ServedMirror(Optional.of(elsewhere), false), r.sha256()));
        assertEquals(502, wrong.status());
        assertTrue(wrong.getMessage().contains(Sha256.of(stack(3))) && wrong.getMessage().contains(r.sha256())
                && wrong.getMessage().contains(stack(3).length + " bytes")
                && wrong.getMessage().contains("nothing was sent"), wrong.getMessage());

        try (TestMirror mirror = TestMirror.create(elsewhere)) {
            mirror.tag("v1.0.0", Map.of("elsewhere/" + r.file(), stack(0)));
        }
        ProblemException lacking = assertThrows(ProblemException.class,
                () -> BinaryContents.find(holder.catalog(), new ServedMirror(Optional.of(elsewhere), false), r.sha256()));
        assertEquals(503, lacking.status());
        assertTrue(lacking.getMessage().contains("v1.0.0") && lacking.getMessage().contains("fuspath.mirror.dir"),
                lacking.getMessage());
    }

    @Test
    void withoutAMirrorTheProblemNamesTheFix() {
        String sha = record("v1.0.0").sha256();
        ProblemException none = assertThrows(ProblemException.class,
                () -> BinaryContents.find(holder.catalog(), new ServedMirror(Optional.empty(), false), sha));
        assertEquals(503, none.status());
        assertTrue(none.getMessage().contains("-Dfuspath.sync.source=") && none.getMessage().contains("-Dfuspath.mirror.dir"),
                none.getMessage());

        ProblemException notYet = assertThrows(ProblemException.class,
                () -> BinaryContents.find(holder.catalog(), new ServedMirror(Optional.of(tmp.resolve("later.git")), true), sha));
        assertEquals(503, notYet.status());
        assertTrue(notYet.getMessage().contains("first sync"), notYet.getMessage());
        assertFalse(notYet.getMessage().contains(tmp.toString()), "no server folder in an answer: " + notYet.getMessage());

        ProblemException notARepo = assertThrows(ProblemException.class,
                () -> BinaryContents.find(holder.catalog(), new ServedMirror(Optional.of(catalogDir), false), sha));
        assertEquals(503, notARepo.status());
        assertTrue(notARepo.getMessage().contains("fuspath.mirror.dir is not a git repository"), notARepo.getMessage());

        ProblemException unknown = assertThrows(ProblemException.class, () -> BinaryContents.find(holder.catalog(),
                new ServedMirror(Optional.of(mirrorDir), true), "0".repeat(64)));
        assertEquals(404, unknown.status());
    }

    @Test
    void theServiceConfigurationPicksTheMirror() {
        Path explicit = tmp.resolve("explicit");
        Path synced = tmp.resolve("synced");
        assertEquals(Optional.of(explicit), new ServedMirror(Optional.of(explicit), Optional.of("src"), Optional.of(synced)).dir());
        assertEquals(Optional.of(synced), new ServedMirror(Optional.empty(), Optional.of("src"), Optional.of(synced)).dir());
        assertEquals(Optional.of(CatalogSync.defaultMirror("src")),
                new ServedMirror(Optional.empty(), Optional.of("src"), Optional.empty()).dir());
        assertEquals(Optional.empty(), new ServedMirror(Optional.empty(), Optional.empty(), Optional.of(synced)).dir());
    }

    /**
     * Readers keep getting whole, verified bytes while syncs add releases, and the mirror's automatic gc (made to run
     * after almost every fetch here) replaces its packs under them.
     */
    @Test
    void downloadsStayWholeWhileSyncsAndGcChangeTheMirror() throws Exception {
        try (var repo = new FileRepositoryBuilder().setGitDir(mirrorDir.toFile()).setBare().build()) {
            StoredConfig config = repo.getConfig();
            config.setInt("gc", null, "autopacklimit", 2);
            config.setBoolean("gc", null, "autodetach", false);
            config.setString("gc", null, "prunepackexpire", "now"); // JGit keeps replaced packs an hour by default
            config.save();
        }
        ServedMirror served = new ServedMirror(Optional.of(mirrorDir), true);
        String first = Sha256.of(stack(0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Catalog catalog = holder.catalog();
                        for (BinaryRecord r : catalog.releasesNewestFirst().get(0).binaries()) {
                            BinaryContents.Found found = BinaryContents.find(catalog, served, r.sha256());
                            if (!Sha256.of(found.bytes()).equals(r.sha256())) {
                                failures.add("bad bytes for " + r.sha256());
                            }
                        }
                        if (!Sha256.of(BinaryContents.find(catalog, served, first).bytes()).equals(first)) {
                            failures.add("bad bytes for the first release");
                        }
                        reads.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                }
            });
            readers.add(reader);
            reader.start();
        }
        int syncs = 12;
        try {
            for (int minor = 1; minor <= syncs; minor++) {
                release(minor, stack(minor));
                holder.sync(upstream.dir().toString(), mirrorDir);
            }
        } finally {
            stop.set(true);
            for (Thread reader : readers) {
                reader.join();
            }
        }
        served.close();
        assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())));
        assertEquals(syncs + 1, holder.catalog().releases().size());
        assertTrue(reads.get() > syncs, "the readers ran throughout: " + reads.get() + " rounds");
        long packs;
        try (Stream<Path> files = Files.list(mirrorDir.resolve("objects/pack"))) {
            packs = files.filter(p -> p.toString().endsWith(".pack")).count();
        }
        assertTrue(packs < syncs, "gc replaced packs under the readers: " + packs + " packs after " + syncs + " fetches");
    }
}
