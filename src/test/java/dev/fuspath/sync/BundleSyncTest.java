package dev.fuspath.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.CatalogAssertions;
import dev.fuspath.testing.UpstreamBundle;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed catalog/ is exactly what a sync from the upstream bundle builds (skipped without the bundle). */
class BundleSyncTest {

    @TempDir
    Path tmp;

    @Test
    void syncFromTheBundleEqualsTheCommittedCatalogByteForByte() throws Exception {
        Path bundle = UpstreamBundle.assumePresent();
        CatalogSync sync = new CatalogSync(Rules.bundled(), 120);
        Path out = tmp.resolve("catalog");

        CatalogSync.Result full = sync.sync(bundle.toString(), tmp.resolve("mirror.git"), Optional.empty(), out);
        assertEquals(37, full.tagsRead());
        assertEquals(37, full.catalog().releases().size());
        CatalogAssertions.assertSameFiles(Path.of("catalog"), out);

        CatalogSync.Result again = sync.sync(bundle.toString(), tmp.resolve("mirror.git"),
                Optional.of(CatalogFiles.read(out)), out);
        assertEquals(0, again.tagsRead(), "nothing new: no tag is read again");
        assertEquals(37, again.tagsReused());
        assertTrue(again.millis() < full.millis());
        CatalogAssertions.assertSameFiles(Path.of("catalog"), out);
    }
}
