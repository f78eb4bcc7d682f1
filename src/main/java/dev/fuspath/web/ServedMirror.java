package dev.fuspath.web;

import dev.fuspath.sync.CatalogSync;
import dev.fuspath.sync.MirrorFiles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import dev.fuspath.app.FuspathConfig;
import org.jboss.logging.Logger;

/**
 * The git mirror the service reads file contents from: {@code fuspath.mirror.dir} when set (an existing mirror or
 * clone, never synced by the service), else the mirror its syncs keep ({@code fuspath.sync.mirror}, or the default
 * mirror of {@code fuspath.sync.source}). Problems name the configuration, never the server's folders.
 */
@ApplicationScoped
public class ServedMirror {

    private static final Logger LOG = Logger.getLogger(ServedMirror.class);

    static final String NO_MIRROR = "this service keeps no mirror of the upstream repository, so it cannot send file"
            + " contents: start it with -Dfuspath.sync.source=GIT (a git URL, repository or bundle file of STM32CubeWB)"
            + " so it keeps a mirror, or with -Dfuspath.mirror.dir=DIR to serve from an existing mirror or clone";

    private final Optional<Path> dir;
    private final boolean synced;
    private MirrorFiles files;

    @Inject
    public ServedMirror(FuspathConfig config) {
        this(config.mirror().dir(), config.sync().source(), config.sync().mirror());
    }

    ServedMirror(Optional<Path> explicit, Optional<String> source, Optional<Path> syncMirror) {
        this(explicit.isPresent() ? explicit
                        : source.filter(s -> !s.isBlank()).map(s -> syncMirror.orElseGet(() -> CatalogSync.defaultMirror(s))),
                explicit.isEmpty() && source.isPresent());
    }

    ServedMirror(Optional<Path> dir, boolean synced) {
        this.dir = dir;
        this.synced = synced;
    }

    public Optional<Path> dir() {
        return dir;
    }

    /** True when the mirror is the one the service's own syncs keep current. */
    boolean synced() {
        return synced;
    }

    /** The open mirror; a 503 problem when the service has none, or none yet. */
    synchronized MirrorFiles files() {
        if (files != null) {
            return files;
        }
        if (dir.isEmpty()) {
            throw unavailable(NO_MIRROR);
        }
        Optional<Path> gitDir = MirrorFiles.gitDir(dir.get());
        if (gitDir.isEmpty()) {
            LOG.warnf("no git repository at %s yet; file contents cannot be served", dir.get());
            throw unavailable(synced
                    ? "the service's mirror does not exist yet: its first sync has not finished, or failed (its log"
                            + " says why); try again after a sync"
                    : "fuspath.mirror.dir is not a git repository: point it at a mirror or clone of STM32CubeWB");
        }
        try {
            files = MirrorFiles.open(gitDir.get());
        } catch (IOException | RuntimeException e) {
            LOG.errorf("cannot open the git mirror at %s: %s", gitDir.get(), e.getMessage());
            throw unavailable("the service cannot open its mirror (its log says why)");
        }
        return files;
    }

    static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service unavailable", detail);
    }

    @PreDestroy
    synchronized void close() {
        if (files != null) {
            files.close();
            files = null;
        }
    }
}
