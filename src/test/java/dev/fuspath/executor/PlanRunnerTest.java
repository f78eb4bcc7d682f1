package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.Faults;
import dev.fuspath.simulator.SimulatedDevice;
import dev.fuspath.testing.UpstreamBundle;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real plan run on the simulated device: the story from factory FUS 0.5.3 to the v1.23.0 full BLE stack. */
class PlanRunnerTest {

    private static Plan story;

    @BeforeAll
    static void plan() throws Exception {
        Planner planner = new Planner(CatalogFiles.readClasspath(PlanRunnerTest.class.getClassLoader()),
                Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        story = planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd",
                false, false));
    }

    /** The upstream bytes of every file the plan names (needs the bundle). */
    private static Map<String, byte[]> upstreamFiles() {
        UpstreamBundle.assumePresent();
        Map<String, byte[]> bySha = new HashMap<>();
        UpstreamBundle.distinctBinaries().forEach(f -> bySha.put(Sha256.of(f.bytes()), f.bytes()));
        Map<String, byte[]> files = new HashMap<>();
        for (PlanStep step : story.steps()) {
            if (step.file() != null) {
                files.put(step.file(), bySha.get(step.sha256()));
            }
        }
        return files;
    }

    @Test
    void theStoryRunsToTheEndOnAFactoryPart() {
        Map<String, byte[]> files = upstreamFiles();
        SimulatorBackend backend = new SimulatorBackend(new SimulatedDevice(DeviceState.factory("1M")), files);

        ExecutionResult result = new PlanRunner(backend).run(story, files);

        assertTrue(result.completed(), result.cause() + " " + result.events());
        assertEquals(story.steps().size(), result.events().size());
        DeviceState device = backend.device().state();
        assertEquals(FirmwareVersion.of(2, 1, 0), device.fus());
        assertTrue(device.hasStack());
    }

    @Test
    void aPartOnAnotherFusStopsTheRunBeforeAnyWrite() {
        Map<String, byte[]> files = upstreamFiles();
        DeviceState onFus120 = DeviceState.factory("1M").toBuilder().fus(FirmwareVersion.of(1, 2, 0)).build();
        SimulatorBackend backend = new SimulatorBackend(new SimulatedDevice(onFus120), files);

        ExecutionResult result = new PlanRunner(backend).run(story, files);

        assertFalse(result.completed());
        assertEquals("read-fus-info", story.steps().get(result.stoppedAt() - 1).action());
        assertTrue(result.cause().contains("runs FUS 1.2.0, not the 0.5.3"), result.cause());
        assertEquals(onFus120, backend.device().state(), "nothing was written");
    }

    @Test
    void aWriteErrorStopsAtItsStepWithTheFusStatus() {
        Map<String, byte[]> files = upstreamFiles();
        SimulatedDevice device = new SimulatedDevice(DeviceState.factory("1M"),
                Faults.seed(7).onNextFwUpgrade(Faults.Kind.WRITE_ERROR));
        ExecutionResult result = new PlanRunner(new SimulatorBackend(device, files)).run(story, files);

        assertFalse(result.completed());
        assertEquals("fus-upgrade", story.steps().get(result.stoppedAt() - 1).action());
        assertTrue(result.cause().contains("WRTERROR"), result.cause());
        assertEquals(FirmwareVersion.of(0, 5, 3), device.state().fus());
    }

    @Test
    void filesAreCheckedBeforeTheDeviceIsTouched() {
        SimulatorBackend backend = new SimulatorBackend(new SimulatedDevice(DeviceState.factory("1M")), Map.of());
        ExecutionResult missing = new PlanRunner(backend).run(story, Map.of());
        assertEquals(0, missing.stoppedAt());
        assertTrue(missing.cause().contains("was not given"), missing.cause());

        Map<String, byte[]> wrong = new HashMap<>();
        story.steps().stream().filter(s -> s.file() != null).forEach(s -> wrong.put(s.file(), new byte[] {1, 2, 3}));
        ExecutionResult mismatched = new PlanRunner(backend).run(story, wrong);
        assertTrue(mismatched.cause().contains("SHA-256"), mismatched.cause());
        assertEquals(0, backend.calls(), "the device was never touched");
    }
}
