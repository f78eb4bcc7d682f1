package dev.fuspath.web;

import dev.fuspath.testing.UpstreamBundle;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The service serving file contents from a mirror the contract test makes: a few release tags holding chosen bytes
 * (real ones, wrong ones) so that every answer of GET /api/v1/binaries/{sha256}/content happens in one run.
 */
public class ContractMirrorProfile implements QuarkusTestProfile {

    public static Path mirror() {
        return UpstreamBundle.workDir().resolve("contract-mirror.git").toAbsolutePath();
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fuspath.mirror.dir", mirror().toString());
    }
}
