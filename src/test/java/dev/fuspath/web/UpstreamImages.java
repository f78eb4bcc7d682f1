package dev.fuspath.web;

import dev.fuspath.rules.Rules;
import dev.fuspath.testing.UpstreamBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Real upstream images, read from the bundle's mirror; only for tests that check {@link #present()} first. */
public final class UpstreamImages {

    private UpstreamImages() {
    }

    public static boolean present() {
        return UpstreamBundle.path().isPresent();
    }

    /** The bytes of FAMILY/FILE in the binaries folder at a release tag. */
    public static byte[] read(String tag, String family, String file) {
        String path = Rules.bundled().binariesFolder() + "/" + family + "/" + file;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(UpstreamBundle.mirror().toFile()).setBare().build()) {
            ObjectId tree = repo.resolve(tag + "^{tree}");
            if (tree == null) {
                throw new IllegalStateException("the upstream mirror has no tag " + tag);
            }
            try (TreeWalk walk = TreeWalk.forPath(repo, path, tree)) {
                if (walk == null) {
                    throw new IllegalStateException(tag + " has no " + path);
                }
                return repo.open(walk.getObjectId(0)).getBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
