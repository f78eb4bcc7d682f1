package dev.fuspath.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads single files of release commits from a git mirror through the object reader: no checkout, no work tree.
 *
 * <p>Safe beside a sync fetching into the same folder: this holds a repository instance of its own, which no sync
 * closes; a fetch only adds packs and moves refs, and JGit rescans the pack list when an object is not where it
 * looked (also after an automatic gc has replaced packs). Each read uses its own object reader.
 */
public final class MirrorFiles implements AutoCloseable {

    /** What a read found. */
    public sealed interface Read {
    }

    /** The file's bytes, read at {@code commit}. */
    public record Blob(byte[] bytes, String commit) implements Read {
    }

    /** The file is not there; {@code reason} says what was missing. */
    public record Absent(String reason) implements Read {
    }

    /** The file is there but larger than the reader was willing to load. */
    public record Oversize(long size, String commit) implements Read {
    }

    private final Repository repository;
    private final Path gitDir;

    private MirrorFiles(Repository repository, Path gitDir) {
        this.repository = repository;
        this.gitDir = gitDir;
    }

    /**
     * The git folder of {@code dir} once it is a complete repository: {@code dir} itself when bare, {@code dir/.git}
     * for a clone with a work tree. Empty while a first sync is still creating it, or when it is no repository.
     */
    public static Optional<Path> gitDir(Path dir) {
        for (Path candidate : new Path[] {dir, dir.resolve(".git")}) {
            if (Files.isDirectory(candidate.resolve("objects")) && Files.isRegularFile(candidate.resolve("config"))
                    && Files.isDirectory(candidate.resolve("refs"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static MirrorFiles open(Path gitDir) throws IOException {
        return new MirrorFiles(new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build(), gitDir);
    }

    public Path gitDir() {
        return gitDir;
    }

    /**
     * Reads {@code path} at {@code commit} when the mirror holds that commit, else at what {@code tag} points to
     * (a mirror made from another source has other commit ids for the same release). The caller verifies the bytes.
     *
     * @param maxBytes larger blobs are not loaded
     */
    public Read read(String tag, String commit, String path, long maxBytes) throws IOException {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Optional<RevCommit> at = commit(walk, commit);
            if (at.isEmpty()) {
                at = tagged(walk, tag);
            }
            if (at.isEmpty()) {
                return new Absent("the mirror holds neither commit " + commit + " nor tag " + tag);
            }
            String where = at.get().name();
            try (TreeWalk tree = TreeWalk.forPath(reader, path, at.get().getTree())) {
                if (tree == null) {
                    return new Absent(tag + " (commit " + where + ") has no " + path);
                }
                int mode = tree.getRawMode(0);
                if (!FileMode.REGULAR_FILE.equals(mode) && !FileMode.EXECUTABLE_FILE.equals(mode)) {
                    return new Absent(path + " at " + tag + " (commit " + where + ") is not a regular file");
                }
                ObjectId blob = tree.getObjectId(0);
                ObjectLoader loader;
                try {
                    loader = reader.open(blob, Constants.OBJ_BLOB);
                } catch (MissingObjectException e) {
                    return new Absent("the mirror lacks blob " + blob.name() + " of " + path + " at " + tag);
                }
                if (loader.getSize() > maxBytes) {
                    return new Oversize(loader.getSize(), where);
                }
                return new Blob(loader.getBytes(), where);
            }
        }
    }

    private static Optional<RevCommit> commit(RevWalk walk, String commit) throws IOException {
        if (commit == null || !ObjectId.isId(commit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(walk.parseCommit(ObjectId.fromString(commit)));
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return Optional.empty();
        }
    }

    private Optional<RevCommit> tagged(RevWalk walk, String tag) throws IOException {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        Ref ref = repository.exactRef(Constants.R_TAGS + tag);
        if (ref == null) {
            return Optional.empty();
        }
        try {
            RevObject peeled = walk.peel(walk.parseAny(ref.getObjectId()));
            return peeled instanceof RevCommit c ? Optional.of(c) : Optional.empty();
        } catch (MissingObjectException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
