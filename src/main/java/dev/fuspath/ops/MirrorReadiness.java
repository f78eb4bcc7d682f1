package dev.fuspath.ops;

import dev.fuspath.sync.MirrorFiles;
import dev.fuspath.web.ServedMirror;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.util.Optional;
import dev.fuspath.app.FuspathConfig;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * When the service has a git mirror to send file contents from ({@code fuspath.mirror.dir}, or the one its syncs
 * keep), ready once that mirror is a readable git repository; without one, up and saying so. Names the
 * configuration, never the server's folders.
 */
@Readiness
@ApplicationScoped
public class MirrorReadiness implements HealthCheck {

    private final ServedMirror mirror;
    private final boolean explicit;

    public MirrorReadiness(ServedMirror mirror, FuspathConfig config) {
        this.mirror = mirror;
        this.explicit = config.mirror().dir().filter(d -> !d.toString().isBlank()).isPresent();
    }

    @Override
    public HealthCheckResponse call() {
        if (mirror.dir().isEmpty()) {
            return HealthCheckResponse.named("mirror").up().withData("configured", false).build();
        }
        Optional<java.nio.file.Path> gitDir = MirrorFiles.gitDir(mirror.dir().get());
        if (gitDir.isPresent() && Files.isReadable(gitDir.get().resolve("objects"))) {
            return HealthCheckResponse.named("mirror").up().withData("configured", true).build();
        }
        return HealthCheckResponse.named("mirror").down().withData("configured", true)
                .withData("problem", explicit ? "fuspath.mirror.dir is not a readable git repository"
                        : "the mirror fuspath.sync.source keeps does not exist yet: its first sync has not finished,"
                                + " or failed (the service log says why)")
                .build();
    }
}
