package dev.fuspath.inspect;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.TestImages;
import dev.fuspath.rules.Rules;
import dev.fuspath.testing.UpstreamBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The committed catalog, an Inspector on it, and upstream bytes looked up by what the catalog says of them. */
final class InspectFixtures {

    private static Catalog catalog;
    private static Map<String, UpstreamBundle.UpstreamFile> upstreamBySha;

    private InspectFixtures() {
    }

    static synchronized Catalog catalog() {
        if (catalog == null) {
            try {
                catalog = CatalogFiles.readClasspath(InspectFixtures.class.getClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalog;
    }

    static Inspector inspector() {
        return new Inspector(catalog(), Rules.bundled());
    }

    /** The record of a file of a release; fails when the catalog lacks it. */
    static BinaryRecord record(String tag, String family, String file) {
        return catalog().release(tag).orElseThrow(() -> new AssertionError("no release " + tag)).binaries().stream()
                .filter(b -> b.family().equals(family) && b.file().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + family + "/" + file + " in " + tag));
    }

    /** The upstream bytes of a catalog record; the caller has checked the bundle is present. */
    static synchronized byte[] upstreamBytes(BinaryRecord record) {
        if (upstreamBySha == null) {
            Map<String, UpstreamBundle.UpstreamFile> map = new HashMap<>();
            UpstreamBundle.distinctBinaries().forEach(f -> map.put(Sha256.of(f.bytes()), f));
            upstreamBySha = map;
        }
        UpstreamBundle.UpstreamFile f = upstreamBySha.get(record.sha256());
        if (f == null) {
            throw new AssertionError("the bundle has no blob " + record.sha256() + " (" + record.file() + ")");
        }
        return f.bytes().clone();
    }

    /** A few valid synthetic images of every kind, so that damage tests run without the bundle too. */
    static List<byte[]> syntheticImages() {
        List<byte[]> images = new ArrayList<>();
        images.add(TestImages.stack().payloadSize(20_000).seed(11).build());
        images.add(TestImages.fusV2Stack().payloadSize(9_000).seed(12).build());
        images.add(TestImages.fus().version(TestImages.UNSET_VERSION).payloadSize(24_000).seed(13).build());
        images.add(TestImages.safeboot().payloadSize(4_000).seed(14).build());
        images.add(TestImages.legacySafeboot().payloadSize(3_000).seed(15).build());
        images.add(TestImages.stack().pageSize(2048).payloadSize(30_000).seed(16).build());
        images.add(TestImages.fus().customerSigned().payloadSize(6_000).seed(17).build());
        images.add(TestImages.image().magic(TestImages.OTHER_MAGIC).payloadSize(0).seed(18).build());
        return images;
    }
}
