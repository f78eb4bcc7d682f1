package dev.fuspath.executor.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.executor.FlashException;
import dev.fuspath.executor.Flasher;
import dev.fuspath.executor.Journal;
import dev.fuspath.simulator.SimulatorBackend;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.testing.UpstreamBundle;
import dev.fuspath.testing.UpstreamCheckout;
import dev.fuspath.web.UpstreamImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The story's files found in folders laid out like upstream, with the real images (needs the bundle). */
class UpstreamFoldersTest {

    private static final String BINARIES = Rules.bundled().binariesFolder();
    private static final String FULL = "stm32wb5x_BLE_Stack_full_fw.bin";

    private static Catalog catalog;
    private static Plan story;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plan() throws Exception {
        catalog = CatalogFiles.readClasspath(UpstreamFoldersTest.class.getClassLoader());
        story = new Planner(catalog, Rules.bundled(), ChipRules.bundled(), Procedures.bundled())
                .plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd", false, false));
    }

    @BeforeEach
    void bundle() {
        UpstreamBundle.assumePresent();
    }

    private static PlanStep stackStep() {
        return story.steps().stream().filter(s -> FULL.equals(s.file())).findFirst().orElseThrow();
    }

    @Test
    void aCheckoutOfThePlansReleaseGivesEveryFileAndTheStoryRuns() throws Exception {
        Path checkout = tmp.resolve("STM32CubeWB");
        assertTrue(UpstreamCheckout.export("v1.23.0", BINARIES, checkout) > 50);
        UpstreamCheckout.export("v1.17.3", BINARIES, tmp.resolve("old-releases/v1.17.3")); // same names, other bytes

        Map<String, Fetched> each = new FirmwareSources(List.of(new FirmwareDirectory(tmp, catalog))).fetchEach(story);
        List<PlanStep> withFiles = story.steps().stream().filter(s -> s.file() != null).toList();
        assertEquals(withFiles.stream().map(PlanStep::file).toList(), List.copyOf(each.keySet()));
        for (PlanStep step : withFiles) {
            Fetched fetched = each.get(step.file());
            assertEquals(step.sha256(), Sha256.of(fetched.bytes()));
            assertEquals(checkout.resolve(step.path()).toString(), fetched.origin(), "the checkout's copy, not the old one");
        }

        FirmwareSources sources = new FirmwareSources(List.of(new FirmwareDirectory(checkout)));
        SimulatedDevice device = new SimulatedDevice(DeviceState.factory("1M"));
        Flasher.Result result;
        try (Journal journal = Journal.open(tmp.resolve("state/journal.jsonl"))) {
            result = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(catalog).backend(new SimulatorBackend(device))
                    .files(plan -> {
                        try {
                            return sources.fetchAll(plan);
                        } catch (FirmwareUnavailableException e) {
                            throw new FlashException(FlashException.Reason.FILES_REFUSED, e.getMessage(), "check the folder");
                        }
                    }).staging(tmp.resolve("state/files")).journal(journal).build()
                    .flash(null, new dev.fuspath.executor.OfflinePlans(new Planner(catalog, Rules.bundled(), ChipRules.bundled(), Procedures.bundled())), story);
        }
        assertTrue(result.ok(), result.message());
        assertEquals(story.to().fus(), device.state().fus().toString());
    }

    @Test
    void aCheckoutOfAnotherReleaseSaysWhichItIs() throws Exception {
        Path checkout = tmp.resolve("STM32CubeWB");
        UpstreamCheckout.export("v1.17.3", BINARIES, checkout);
        FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareSources(List.of(new FirmwareDirectory(checkout, catalog))).fetchAll(story));
        java.util.Set<String> there = new java.util.HashSet<>();
        try (var walk = Files.walk(checkout)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                there.add(Sha256.of(Files.readAllBytes(p)));
            }
        }
        PlanStep first = story.steps().stream().filter(s -> s.file() != null && !there.contains(s.sha256()))
                .findFirst().orElseThrow(); // v1.17.3 has the same FUS for 0.5.3: that step is found
        assertTrue(first.n() > story.steps().stream().filter(s -> s.file() != null).findFirst().orElseThrow().n());
        assertEquals(first.n(), e.step());
        assertEquals(first.file(), e.file());

        FirmwareUnavailableException stack = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(checkout, catalog).fetch(stackStep(), story.release()));
        String reason = stack.attempts().get(0).reason();
        String oldSha = Sha256.of(Files.readAllBytes(checkout.resolve(stackStep().path())));
        assertTrue(reason.startsWith(stackStep().path() + " in " + checkout + " is v1.17.3 (stack 1.17.3 by its footer,"
                + " SHA-256 " + oldSha + ")"), reason);
        assertTrue(reason.contains("the plan needs SHA-256 " + stackStep().sha256()), reason);
        assertTrue(reason.contains("from v1.23.0: check out tag v1.23.0 or pass --firmware-dir to that release's folder"),
                reason);

        String withoutCatalog = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(checkout).fetch(stackStep(), story.release())).attempts().get(0).reason();
        assertTrue(withoutCatalog.contains(" is stack 1.17.3 by its footer (SHA-256 " + oldSha), withoutCatalog);
    }

    @Test
    void downloadsRenamedByABrowserAreFoundByChecksum() throws Exception {
        Path downloads = Files.createDirectories(tmp.resolve("Downloads"));
        int i = 0;
        for (PlanStep step : story.steps()) {
            if (step.file() != null) {
                String family = step.path().split("/")[2];
                Files.write(downloads.resolve("firmware (" + i++ + ").bin"),
                        UpstreamImages.read(story.release(), family, step.file()));
            }
        }
        Map<String, byte[]> files = new FirmwareSources(List.of(new FirmwareDirectory(downloads))).fetchAll(story);
        assertEquals(i, files.size());
        assertArrayEquals(UpstreamImages.read("v1.23.0", "STM32WB5x", FULL), files.get(FULL));
    }
}
