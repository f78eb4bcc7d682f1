package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.DamagedCatalogs;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * serve, and any command, on a -Dfuspath.catalog.dir that is valid JSON but wrong inside: exit 4 with the file, the
 * entry and what is wrong, before the HTTP server listens (issue 9, item 7).
 */
@QuarkusMainTest
@TestProfile(ServeDamagedCatalogTest.Profile.class)
class ServeDamagedCatalogTest {

    static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"),
            "fuspath-damaged-catalog-" + ProcessHandle.current().pid());

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fuspath.catalog.dir", DIR.toString());
        }
    }

    private static String all(LaunchResult r) {
        return r.getOutput() + "\n" + r.getErrorOutput();
    }

    @Test
    void serveRefusesToStartOnADamagedCatalog(QuarkusMainLauncher launcher) throws Exception {
        Map<String, Map.Entry<DamagedCatalogs.Damage, String>> damages = DamagedCatalogs.all();
        for (String name : List.of("null tag", "duplicated release", "null sha256 in a binary record",
                "empty release list")) {
            DamagedCatalogs.copyCommitted(DIR);
            damages.get(name).getKey().apply(DIR);
            LaunchResult r = launcher.launch("serve");
            assertEquals(ExitCodes.IO_ERROR, r.exitCode(), name + ": " + all(r));
            assertTrue(r.getErrorOutput().contains("fuspath serve: cannot load the catalog from " + DIR + ": "
                    + damages.get(name).getValue() + "; nothing was served"), name + ": " + all(r));
            assertFalse(all(r).contains("Listening on"), "the HTTP server never listened: " + all(r));
            assertFalse(all(r).contains("\tat "), "no stack trace: " + all(r));
        }
    }

    @Test
    void aCommandOnADamagedCatalogSaysWhatIsWrongNotABug(QuarkusMainLauncher launcher) throws Exception {
        DamagedCatalogs.copyCommitted(DIR);
        Map.Entry<DamagedCatalogs.Damage, String> damage = DamagedCatalogs.all().get("null kind in a binary record");
        damage.getKey().apply(DIR);
        LaunchResult r = launcher.launch("plan", "--chip", "STM32WB55RG", "--fus", "1.2.0");
        assertEquals(ExitCodes.IO_ERROR, r.exitCode(), all(r));
        assertTrue(r.getErrorOutput().contains(damage.getValue()), all(r));
        assertFalse(r.getErrorOutput().contains("bug"), all(r));
    }
}
