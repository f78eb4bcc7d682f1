package dev.fuspath.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fuspath.rules.Rules;
import dev.fuspath.sync.SyncException;
import dev.fuspath.sync.UpstreamMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The upstream bundle for tests that need real data: {@code $FUSPATH_UPSTREAM_BUNDLE}, else
 * {@code ../shared/upstream/stm32cubewb-copro.bundle}. Tests call {@link #assumePresent()} first and are skipped,
 * saying why, when it is absent. The bundle is fetched once into a bare mirror under the build folder.
 */
public final class UpstreamBundle {

    public static final String ENV = "FUSPATH_UPSTREAM_BUNDLE";
    private static final Path DEFAULT = Path.of("..", "shared", "upstream", "stm32cubewb-copro.bundle");

    /** One .bin of one release, with its bytes. */
    public record UpstreamFile(String tag, String family, String file, byte[] bytes) {
    }

    private static Path mirror;
    private static List<UpstreamFile> distinctBinaries;
    private static Path notesDir;

    private UpstreamBundle() {
    }

    public static Optional<Path> path() {
        String env = System.getenv(ENV);
        Path candidate = env != null && !env.isBlank() ? Path.of(env) : DEFAULT;
        return Files.isRegularFile(candidate) ? Optional.of(candidate.toAbsolutePath()) : Optional.empty();
    }

    public static Path assumePresent() {
        Optional<Path> bundle = path();
        assumeTrue(bundle.isPresent(), "skipped: the upstream bundle is absent (looked at $" + ENV + " and "
                + DEFAULT.toAbsolutePath().normalize() + "); these tests need real STM32CubeWB data");
        return bundle.get();
    }

    public static Path workDir() {
        return Path.of(System.getProperty("fuspath.test.workdir", "target"));
    }

    /** A bare mirror holding every tag of the bundle. */
    public static synchronized Path mirror() {
        Path bundle = assumePresent();
        if (mirror == null) {
            Path dir = workDir().resolve("upstream-mirror.git");
            try (UpstreamMirror m = UpstreamMirror.open(dir)) {
                if (m.releaseTags().isEmpty()) {
                    m.fetchTags(bundle.toString(), 120);
                }
            } catch (SyncException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            mirror = dir;
        }
        return mirror;
    }

    /** Every distinct .bin blob of every tag, the first place it appeared naming it. */
    public static synchronized List<UpstreamFile> distinctBinaries() {
        if (distinctBinaries == null) {
            List<UpstreamFile> files = new ArrayList<>();
            Set<ObjectId> seen = new HashSet<>();
            walk((tag, family, file, id, reader) -> {
                if (file.endsWith(".bin") && seen.add(id)) {
                    files.add(new UpstreamFile(tag, family, file, reader.open(id).getBytes()));
                }
            });
            distinctBinaries = List.copyOf(files);
        }
        return distinctBinaries;
    }

    /** The release notes of every tag, as notesDir()/TAG/FAMILY.html (root.html for the flat layout). */
    public static synchronized Path notesDir() {
        if (notesDir == null) {
            Path dir = workDir().resolve("upstream-notes");
            walk((tag, family, file, id, reader) -> {
                if (file.equals("Release_Notes.html")) {
                    Path target = dir.resolve(tag).resolve((family == null ? "root" : family) + ".html");
                    Files.createDirectories(target.getParent());
                    Files.write(target, reader.open(id).getBytes());
                }
            });
            notesDir = dir;
        }
        return notesDir;
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(String tag, String family, String file, ObjectId blob, ObjectReader reader) throws IOException;
    }

    private static void walk(Visitor visitor) {
        String folder = Rules.bundled().binariesFolder();
        try (Repository repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder()
                .setGitDir(mirror().toFile()).setBare().build();
             ObjectReader reader = repo.newObjectReader();
             RevWalk walk = new RevWalk(reader)) {
            List<Ref> tags = new ArrayList<>(repo.getRefDatabase().getRefsByPrefix("refs/tags/"));
            tags.sort(java.util.Comparator.comparing(r -> dev.fuspath.image.FirmwareVersion.parse(
                    r.getName().substring("refs/tags/".length()))));
            for (Ref ref : tags) {
                String tag = ref.getName().substring("refs/tags/".length());
                RevCommit commit = walk.parseCommit(ref.getObjectId());
                try (TreeWalk tree = new TreeWalk(reader)) {
                    tree.addTree(commit.getTree());
                    tree.setRecursive(true);
                    tree.setFilter(PathFilter.create(folder));
                    while (tree.next()) {
                        String[] parts = tree.getPathString().substring(folder.length() + 1).split("/");
                        String family = parts.length == 2 ? parts[0] : null;
                        visitor.visit(tag, family, parts[parts.length - 1], tree.getObjectId(0), reader);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
