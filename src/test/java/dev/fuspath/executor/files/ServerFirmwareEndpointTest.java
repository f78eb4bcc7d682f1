package dev.fuspath.executor.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Sha256;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.testing.SyncedMirrorProfile;
import dev.fuspath.testing.UpstreamBundle;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.ServiceSync;
import dev.fuspath.web.UpstreamImages;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The story's files from a running fuspath service that syncs from the upstream bundle. */
@QuarkusTest
@TestProfile(SyncedMirrorProfile.class)
class ServerFirmwareEndpointTest {

    private static boolean synced;

    @Inject
    ServiceSync sync;
    @Inject
    CatalogHolder holder;

    @TestHTTPResource("/")
    URL base;

    @TempDir
    Path tmp;

    @BeforeEach
    void syncOnce() {
        UpstreamBundle.assumePresent();
        if (!synced) {
            assertTrue(sync.syncOnce(), "the test service syncs from the bundle");
            synced = true;
        }
    }

    private Plan story() throws Exception {
        return holder.planner().plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0",
                "swd", false, false));
    }

    private ServerFirmware server() throws Exception {
        return new ServerFirmware(base.toURI(), Duration.ofSeconds(30));
    }

    @Test
    void everyFileOfTheStoryComesFromTheService() throws Exception {
        Plan story = story();
        Map<String, Fetched> each = new FirmwareSources(List.of(server())).fetchEach(story);
        for (PlanStep step : story.steps()) {
            if (step.file() != null) {
                Fetched fetched = each.get(step.file());
                assertEquals(step.sha256(), Sha256.of(fetched.bytes()));
                String family = step.path().split("/")[2];
                assertEquals(Sha256.of(UpstreamImages.read(story.release(), family, step.file())), step.sha256());
                assertEquals(base + "api/v1/binaries/" + step.sha256() + "/content", fetched.origin());
            }
        }
    }

    @Test
    void anEmptyFolderFirstThenTheService() throws Exception {
        Plan story = story();
        FirmwareSources sources = new FirmwareSources(List.of(new FirmwareDirectory(tmp), server()));
        assertEquals(story.steps().stream().filter(s -> s.file() != null).count(), sources.fetchAll(story).size());
    }

    @Test
    void bytesTheCatalogNeverShippedAre404WithTheServersDetail() throws Exception {
        PlanStep unknown = Steps.step(5, "mine.bin", null, "ab".repeat(32), 1000L);
        String reason = assertThrows(FirmwareUnavailableException.class, () -> server().fetch(unknown))
                .attempts().get(0).reason();
        assertTrue(reason.startsWith("answered 404: no release in the catalog shipped a binary with SHA-256 "
                + "ab".repeat(32)), reason);
        assertTrue(reason.endsWith("serve the catalog the plan was made from, or pass --firmware-dir)"), reason);
    }

    @Test
    void aPlanWithAWrongSizeGetsNothing() throws Exception {
        PlanStep real = story().steps().stream().filter(s -> s.file() != null).findFirst().orElseThrow();
        PlanStep smaller = Steps.step(real.n(), real.file(), real.path(), real.sha256(), real.size() - 1);
        String reason = assertThrows(FirmwareUnavailableException.class, () -> server().fetch(smaller))
                .attempts().get(0).reason();
        assertTrue(reason.contains("more than the " + (real.size() - 1) + " bytes the plan gives"), reason);
    }

    @Test
    void theServiceUrlMayEndWithoutASlash() throws Exception {
        String url = base.toString();
        ServerFirmware noSlash = new ServerFirmware(URI.create(url.substring(0, url.length() - 1)), Duration.ofSeconds(30));
        PlanStep step = story().steps().stream().filter(s -> s.file() != null).findFirst().orElseThrow();
        assertEquals(step.sha256(), Sha256.of(noSlash.fetch(step).bytes()));
    }
}
