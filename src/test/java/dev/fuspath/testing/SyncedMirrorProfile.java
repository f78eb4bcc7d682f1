package dev.fuspath.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service as {@code fuspath serve -Dfuspath.sync.source=BUNDLE} runs it: it syncs from the upstream bundle into
 * a mirror of its own under the build folder, and sends file contents from that mirror. Tests call
 * {@code ServiceSync.syncOnce()} first (the test service does not sync at start); without the bundle the source
 * does not exist and they are skipped.
 */
public class SyncedMirrorProfile implements QuarkusTestProfile {

    public static Path mirror() {
        return UpstreamBundle.workDir().resolve("served-mirror.git").toAbsolutePath();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String source = UpstreamBundle.path().map(Path::toString)
                .orElse(UpstreamBundle.workDir().resolve("no-upstream-bundle").toAbsolutePath().toString());
        return Map.of("fuspath.sync.source", source, "fuspath.sync.mirror", mirror().toString());
    }
}
