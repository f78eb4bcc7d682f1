package dev.fuspath.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** Writes what a checkout of a release tag would hold under a folder of the upstream tree (needs the bundle). */
public final class UpstreamCheckout {

    private UpstreamCheckout() {
    }

    /** Every file under {@code folder} (a repository path) at {@code tag}, at its repository path under {@code dest}. */
    public static int export(String tag, String folder, Path dest) throws IOException {
        int files = 0;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(UpstreamBundle.mirror().toFile()).setBare().build();
             TreeWalk walk = new TreeWalk(repo)) {
            ObjectId tree = repo.resolve(tag + "^{tree}");
            if (tree == null) {
                throw new IllegalStateException("the upstream mirror has no tag " + tag);
            }
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(folder));
            while (walk.next()) {
                Path file = dest.resolve(walk.getPathString());
                Files.createDirectories(file.getParent());
                Files.write(file, repo.open(walk.getObjectId(0)).getBytes());
                files++;
            }
        }
        return files;
    }
}
