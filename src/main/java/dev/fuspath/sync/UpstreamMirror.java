package dev.fuspath.sync;

import dev.fuspath.image.FirmwareVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * A bare local mirror of the upstream repository that holds its release tags. Nothing is ever checked out:
 * trees are read at each tag through the object reader.
 */
public final class UpstreamMirror implements AutoCloseable {

    public static final String DEFAULT_SOURCE = "https://github.com/STMicroelectronics/STM32CubeWB.git";
    private static final Pattern RELEASE_TAG = Pattern.compile("v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    static {
        // The mirror must not depend on the machine's git configuration, and JGit must not spend seconds measuring
        // file timestamp resolution (racy-git checks matter for work trees; the mirror has none) before a fetch.
        FS.FileStoreAttributes.setBackground(true);
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public String getenv(String variable) {
                return "GIT_CONFIG_NOSYSTEM".equals(variable) ? "true" : super.getenv(variable);
            }
        });
    }

    private final Repository repository;

    private UpstreamMirror(Repository repository) {
        this.repository = repository;
    }

    /** Opens the bare mirror at {@code dir}, creating it when absent. */
    public static UpstreamMirror open(Path dir) throws SyncException {
        try {
            boolean exists = Files.isDirectory(dir.resolve("objects"));
            Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
            if (!exists) {
                Files.createDirectories(dir);
                repo.create(true);
            }
            return new UpstreamMirror(repo);
        } catch (IOException | IllegalStateException e) {
            throw new SyncException("cannot open or create the git mirror at " + dir + ": " + e.getMessage()
                    + " (remove the folder or pass another --mirror)", e);
        }
    }

    public Repository repository() {
        return repository;
    }

    /** Fetches every tag of {@code source} (a git URL, a local repository or a bundle file) into the mirror. */
    public void fetchTags(String source, int timeoutSeconds) throws SyncException {
        fetchTags(source, timeoutSeconds, NullProgressMonitor.INSTANCE);
    }

    /**
     * As {@link #fetchTags(String, int)}, reporting JGit's own progress (objects received, resolving deltas) to
     * {@code progress}.
     */
    public void fetchTags(String source, int timeoutSeconds, ProgressMonitor progress) throws SyncException {
        try (Git git = Git.wrap(repository)) {
            git.fetch()
                    .setProgressMonitor(progress)
                    .setRemote(remote(source))
                    .setRefSpecs(new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRemoveDeletedRefs(true) // a tag deleted upstream must not live on here: the sync reports it
                    .setTimeout(timeoutSeconds)
                    .setCheckFetchedObjects(true)
                    .call();
        } catch (GitAPIException | RuntimeException e) {
            throw new SyncException("cannot fetch tags from " + source + ": " + rootMessage(e)
                    + " (check that the source is a reachable git URL, a git repository or a git bundle file)", e);
        }
    }

    /** Local paths are made absolute: JGit would resolve a relative one against the mirror. */
    static String remote(String source) {
        String s = source.strip();
        if (!s.contains("://") && !s.startsWith("file:") && !s.matches("[^/]+@[^/]+:.*")) {
            Path path = Path.of(s);
            if (Files.exists(path)) {
                return path.toAbsolutePath().normalize().toString();
            }
        }
        return s;
    }

    /** The release tags (vX.Y.Z) of the mirror, oldest first. */
    public List<ReleaseTag> releaseTags() throws SyncException {
        List<ReleaseTag> tags = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository)) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/tags/")) {
                String name = ref.getName().substring("refs/tags/".length());
                if (!RELEASE_TAG.matcher(name).matches()) {
                    continue;
                }
                RevObject object = walk.parseAny(ref.getObjectId());
                PersonIdent when = null;
                if (object instanceof RevTag tag) {
                    when = tag.getTaggerIdent();
                }
                RevObject peeled = walk.peel(object);
                if (!(peeled instanceof RevCommit commit)) {
                    continue;
                }
                if (when == null) {
                    when = commit.getCommitterIdent();
                }
                tags.add(new ReleaseTag(name, commit.copy(), isoDate(when)));
            }
        } catch (IOException e) {
            throw new SyncException("cannot read the tags of the mirror: " + e.getMessage(), e);
        }
        tags.sort(Comparator.comparing(t -> FirmwareVersion.parse(t.name())));
        return tags;
    }

    private static String isoDate(PersonIdent ident) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(ident.getZoneOffset().getTotalSeconds());
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ident.getWhenAsInstant().atOffset(offset));
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? message : e.getMessage() + ": " + message;
    }

    @Override
    public void close() {
        repository.close();
    }
}
