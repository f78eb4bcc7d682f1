package dev.fuspath.sync;

import static dev.fuspath.testing.SyntheticUpstream.STACK_MAGIC;
import static dev.fuspath.testing.SyntheticUpstream.image;
import static dev.fuspath.testing.SyntheticUpstream.notes;
import static dev.fuspath.testing.SyntheticUpstream.section;
import static dev.fuspath.testing.SyntheticUpstream.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.testing.CatalogAssertions;
import dev.fuspath.testing.SyntheticUpstream;
import dev.fuspath.app.CatalogHolder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running service's catalog changes only by whole successful syncs. */
class ServedCatalogSyncTest {

    @TempDir
    Path tmp;

    private static void release(SyntheticUpstream up, String version, String notesBody) throws Exception {
        up.put("STM32WB5x/stm32wb5x_BLE_Stack_full_fw.bin", image(12000 + version.length(), STACK_MAGIC, 0x01000000L, 4096))
                .putText("STM32WB5x/Release_Notes.html", notesBody)
                .release("v" + version);
    }

    private static String goodNotes(String version) {
        return notes(section("V" + version + " / 01-January-2024", table("Wireless Coprocessor Binary Table",
                "Wireless Coprocessor Binary|STM32WB5xxG(1M)|Version",
                "stm32wb5x_BLE_Stack_full_fw.bin|0x080F1000|V" + version)));
    }

    @Test
    void failedSyncsLeaveTheServedCatalogWholeAndGoodOnesReplaceIt() throws Exception {
        SyntheticUpstream up = SyntheticUpstream.create(tmp.resolve("upstream"));
        release(up, "1.0.0", goodNotes("1.0.0"));
        Path dir = tmp.resolve("catalog");
        new CatalogSync(dev.fuspath.rules.Rules.bundled(), 30)
                .sync(up.dir().toString(), tmp.resolve("m.git"), Optional.empty(), dir);
        CatalogHolder holder = new CatalogHolder(Optional.of(dir));
        Catalog served = holder.catalog();
        Map<String, byte[]> files = CatalogAssertions.snapshot(dir);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> torn = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                Catalog c = holder.catalog();
                if (c.releases().size() != c.releasesNewestFirst().size()) {
                    torn.set("index and releases disagree");
                }
            }
        });
        reader.start();
        try {
            release(up, "1.1.0", "<html><body>garbage notes</body></html>");
            assertThrows(SyncException.class, () -> holder.sync(up.dir().toString(), tmp.resolve("m.git")));
            assertSame(served, holder.catalog(), "a failed sync serves nothing new");
            CatalogAssertions.assertSameFiles(files, dir);

            assertThrows(SyncException.class, () -> holder.sync(tmp.resolve("gone").toString(), tmp.resolve("m.git")));
            assertSame(served, holder.catalog());

            release(up, "1.1.0", goodNotes("1.1.0"));
            CatalogSync.Result result = holder.sync(up.dir().toString(), tmp.resolve("m.git"));
            assertEquals(1, result.tagsRead());
            assertEquals(2, holder.catalog().releases().size());
            assertEquals("v1.1.0", holder.catalog().releases().get(0).tag());
            assertEquals(2, new CatalogHolder(Optional.of(dir)).catalog().releases().size(), "written to the folder too");
        } finally {
            stop.set(true);
            reader.join();
        }
        assertTrue(torn.get() == null, String.valueOf(torn.get()));
    }
}
