package dev.fuspath.web;

import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.sync.MirrorFiles;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Finds the bytes of a catalog binary in the service's mirror, trying every release that shipped them, newest first,
 * and returns them only once their SHA-256 is the one asked for.
 */
final class BinaryContents {

    private static final Logger LOG = Logger.getLogger(BinaryContents.class);
    /** Coprocessor images are under 1 MiB: wrong bytes up to this size are read to say what they are. */
    private static final long READ_LIMIT = 8L * 1024 * 1024;

    /** Verified bytes, and where in the mirror they were read. */
    record Found(BinaryRecord record, byte[] bytes, String tag, String commit) {
    }

    private BinaryContents() {
    }

    /**
     * @throws ProblemException 404 for bytes no release shipped, 503 when the mirror is missing or lacks every
     *                          release that shipped them, 502 when it holds other bytes where the catalog says these are
     */
    static Found find(Catalog catalog, ServedMirror mirror, String sha) {
        BinaryRecord record = record(catalog, sha);
        MirrorFiles files = mirror.files();
        Set<String> absent = new LinkedHashSet<>();
        String disagreement = null;
        for (Catalog.Occurrence where : catalog.occurrences(sha)) {
            String commit = catalog.release(where.tag()).map(ReleaseCatalog::commit).orElse(null);
            MirrorFiles.Read read;
            try {
                read = files.read(where.tag(), commit, where.path(), Math.max(record.size(), READ_LIMIT));
            } catch (IOException | RuntimeException e) {
                LOG.errorf("cannot read %s at %s from the mirror %s: %s", where.path(), where.tag(), files.gitDir(), e);
                throw ServedMirror.unavailable("the service cannot read its mirror (its log says why)");
            }
            if (read instanceof MirrorFiles.Blob blob) {
                String actual = Sha256.of(blob.bytes());
                if (actual.equals(sha)) {
                    return new Found(record, blob.bytes(), where.tag(), blob.commit());
                }
                if (disagreement == null) {
                    disagreement = where.tag() + " " + where.path() + " holds " + blob.bytes().length
                            + " bytes with SHA-256 " + actual;
                }
            } else if (read instanceof MirrorFiles.Oversize big) {
                if (disagreement == null) {
                    disagreement = where.tag() + " " + where.path() + " holds " + big.size() + " bytes";
                }
            } else {
                absent.add(where.tag());
            }
        }
        if (disagreement != null) {
            LOG.errorf("the mirror %s disagrees with the catalog on %s: %s", files.gitDir(), sha, disagreement);
            throw new ProblemException(502, "Mirror disagrees with the catalog", "the service's mirror has other"
                    + " bytes where the catalog places " + record.file() + ": " + disagreement + ", not the catalog's "
                    + record.size() + " bytes with SHA-256 " + sha + " (the mirror and the catalog come from different"
                    + " sources, or upstream changed the release); nothing was sent");
        }
        throw ServedMirror.unavailable("the service's mirror holds none of the releases that shipped " + record.file()
                + " with SHA-256 " + sha + " (" + list(absent) + ")"
                + (mirror.synced() ? ": its next sync fetches them" : ": update the mirror fuspath.mirror.dir names"));
    }

    private static String list(Set<String> tags) {
        List<String> all = List.copyOf(tags);
        return all.size() <= 4 ? String.join(", ", all)
                : String.join(", ", all.subList(0, 3)) + " and " + (all.size() - 3) + " older";
    }

    static BinaryRecord record(Catalog catalog, String sha) {
        Optional<BinaryRecord> record = catalog.record(sha);
        return record.orElseThrow(() -> ProblemException.notFound("no release in the catalog shipped a binary with"
                + " SHA-256 " + sha + ", so there is no file to send; GET /api/v1/releases/{tag}/binaries lists what"
                + " each release shipped"));
    }
}
