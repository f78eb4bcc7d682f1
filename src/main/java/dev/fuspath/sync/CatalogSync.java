package dev.fuspath.sync;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogBuilder;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.CatalogIndex;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.ReleaseFacts;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the catalog from an upstream source: fetch the tags into a bare mirror, read each release tag's tree
 * (only the tags the previous catalog does not already hold at the same commit), derive, and write the catalog
 * folder in one swap. On any failure nothing on disk changes but the mirror's object store.
 */
public final class CatalogSync {

    /**
     * What a sync did. When nothing was new ({@code unchanged}), nothing was derived or written, and
     * {@code catalog} is the previous catalog if it was in memory, else null.
     */
    public record Result(Catalog catalog, CatalogIndex index, boolean unchanged, int tagsRead, int tagsReused,
                         long millis, List<Removal> removals) {

        public Result {
            removals = List.copyOf(removals);
        }
    }

    /**
     * A release the previous catalog holds that the source no longer has: its tag is gone, or now points at a
     * commit without coprocessor binaries.
     *
     * @param kept      true when the catalog keeps it as it was (with a release-vanished anomaly); false when the
     *                  removal was allowed and the release dropped
     * @param nowCommit the commit the tag points at now, null when the tag is gone
     */
    public record Removal(String tag, String commit, String nowCommit, boolean kept) {

        /** One sentence, for the log and the command line. */
        public String describe() {
            return (nowCommit == null ? "the release tag " + tag + " is gone from the source"
                    : "the release tag " + tag + " now points at commit " + nowCommit.substring(0, 12)
                            + ", which has no coprocessor binaries")
                    + (kept ? "; the release is kept as it was at commit " + commit.substring(0, 12)
                            : "; the release was removed from the catalog");
        }
    }

    private final Rules rules;
    private final int timeoutSeconds;
    private final boolean allowRemovals;
    private org.eclipse.jgit.lib.ProgressMonitor progress = org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE;

    public CatalogSync(Rules rules, int timeoutSeconds) {
        this(rules, timeoutSeconds, false);
    }

    /**
     * @param allowRemovals drop a release the source no longer has, instead of keeping it as it was and reporting
     *                      it with a release-vanished anomaly
     */
    public CatalogSync(Rules rules, int timeoutSeconds, boolean allowRemovals) {
        this.rules = rules;
        this.timeoutSeconds = timeoutSeconds;
        this.allowRemovals = allowRemovals;
    }

    /**
     * Reports progress to {@code monitor}: JGit's fetch tasks (objects received, resolving deltas), then "Reading
     * release tags", one unit per tag. The default reports nothing.
     */
    public CatalogSync progress(org.eclipse.jgit.lib.ProgressMonitor monitor) {
        this.progress = monitor == null ? org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE : monitor;
        return this;
    }

    /**
     * @param previous the catalog the output replaces, if any: unchanged tags are taken from it, not re-read
     * @param out      where to write the catalog; null to only build it
     */
    public Result sync(String source, Path mirrorDir, Optional<Catalog> previous, Path out) throws SyncException {
        return sync(source, mirrorDir, PreviousCatalog.of(previous), out);
    }

    /**
     * @param previous the catalog the output replaces: when its releases are exactly the source's release tags (same
     *                 commits, same rules) nothing is derived or written; otherwise unchanged tags are taken from it
     * @param out      where to write the catalog; null to only build it
     */
    public Result sync(String source, Path mirrorDir, PreviousCatalog previous, Path out) throws SyncException {
        long start = System.nanoTime();
        if (source == null || source.isBlank()) {
            throw new SyncException("no source given: pass a git URL, a local repository or a bundle file");
        }
        if (out != null) {
            try {
                CatalogFiles.checkReplaceable(out);
            } catch (IOException e) {
                throw new SyncException(e.getMessage(), e);
            }
        }
        List<ReleaseFacts> facts = new ArrayList<>();
        java.util.Map<String, String> seenWithoutBinaries = new java.util.HashMap<>();
        List<Removal> removals = new ArrayList<>();
        List<dev.fuspath.catalog.Anomaly> vanished = new ArrayList<>();
        int read = 0;
        int reused = 0;
        try (UpstreamMirror mirror = UpstreamMirror.open(mirrorDir)) {
            mirror.fetchTags(source, timeoutSeconds, progress);
            List<ReleaseTag> tags = mirror.releaseTags();
            if (tags.isEmpty()) {
                throw new SyncException(source + " has no release tags (vX.Y.Z); is it STM32CubeWB?");
            }
            Optional<CatalogIndex> index = previous.index();
            if (index.isPresent() && upToDate(index.get(), tags)) {
                return new Result(previous.loaded().orElse(null), index.get(), true, 0, tags.size(),
                        (System.nanoTime() - start) / 1_000_000, List.of());
            }
            Optional<Catalog> known = previous.catalog();
            ReleaseReader reader = new ReleaseReader(mirror, rules);
            progress.beginTask("Reading release tags", tags.size());
            for (ReleaseTag tag : tags) {
                progress.update(1);
                Optional<ReleaseCatalog> same = known.flatMap(c -> c.release(tag.name()))
                        .filter(r -> r.commit().equals(tag.commit().name()) && r.date().equals(tag.date()));
                if (same.isPresent()) {
                    facts.add(same.get().facts());
                    reused++;
                    continue;
                }
                ReleaseFacts release = reader.read(tag);
                boolean hadBinaries = known.flatMap(c -> c.release(tag.name())).map(r -> !r.binaries().isEmpty())
                        .orElse(false);
                if (release != null && hadBinaries
                        && release.families().stream().allMatch(f -> f.files().isEmpty())) {
                    release = null; // the folder is there, but not one binary: the release lost its binaries
                }
                if (release != null) {
                    facts.add(release);
                    read++;
                } else {
                    seenWithoutBinaries.put(tag.name(), tag.commit().name());
                }
            }
            progress.endTask();
            // releases the previous catalog holds and the source no longer has: kept as they were, and reported
            Set<String> tagNames = tags.stream().map(ReleaseTag::name).collect(Collectors.toSet());
            for (ReleaseCatalog old : known.map(Catalog::releasesNewestFirst).orElse(List.of())) {
                boolean gone = !tagNames.contains(old.tag());
                if (gone || seenWithoutBinaries.containsKey(old.tag())) {
                    String now = gone ? null : seenWithoutBinaries.get(old.tag());
                    removals.add(new Removal(old.tag(), old.commit(), now, !allowRemovals));
                    if (!allowRemovals) {
                        facts.add(old.facts());
                        vanished.addAll(CatalogBuilder.releaseVanished(old, gone
                                ? "the release tag " + old.tag() + " is gone from the source"
                                : "the release tag " + old.tag() + " now points at commit " + now
                                        + ", which has no coprocessor binaries", now));
                    }
                }
            }
        }
        if (facts.isEmpty()) {
            throw new SyncException(source + " has release tags but none holds " + rules.binariesFolder());
        }
        Catalog catalog;
        try {
            catalog = CatalogBuilder.withAnomalies(CatalogBuilder.build(rules, facts), vanished);
        } catch (RuntimeException e) {
            throw new SyncException("cannot build the catalog: " + e, e);
        }
        if (out != null) {
            try {
                CatalogFiles.write(catalog, out);
            } catch (IOException e) {
                throw new SyncException("cannot write the catalog to " + out + ": " + e.getMessage(), e);
            }
        }
        return new Result(catalog, catalog.index(), false, read, reused, (System.nanoTime() - start) / 1_000_000,
                removals);
    }

    /** The previous catalog holds exactly these tags, at the same commits, derived under the same rules. */
    private boolean upToDate(CatalogIndex index, List<ReleaseTag> tags) {
        if (!rules.fingerprint().equals(index.rules()) || index.releases().size() != tags.size()) {
            return false;
        }
        Set<String> known = index.releases().stream().map(r -> r.tag() + " " + r.commit() + " " + r.date())
                .collect(Collectors.toSet());
        return tags.stream().allMatch(t -> known.contains(t.name() + " " + t.commit().name() + " " + t.date()));
    }

    /** Where the mirror of a source lives by default: one bare repository per source under the user's cache. */
    public static Path defaultMirror(String source) {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fuspath").resolve("mirrors").resolve(mirrorName(source) + ".git");
    }

    static String mirrorName(String source) {
        String normalized = source.strip();
        if (!normalized.contains("://")) {
            Path asPath = Path.of(normalized.startsWith("file:") ? normalized.substring(5) : normalized);
            if (Files.exists(asPath)) {
                normalized = asPath.toAbsolutePath().normalize().toString();
            }
        }
        return Sha256.of(normalized.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }
}
