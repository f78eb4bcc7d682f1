package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.Faults;
import dev.fuspath.simulator.SimulatorStateFile;
import dev.fuspath.testing.FakeProgrammer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cubeprogrammer backend (a real process per call) against the fake STM32_Programmer_CLI. */
class FakeProgrammerFlashTest {

    @TempDir
    Path dir;

    @AfterEach
    void noProcessLeftBehind() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse("?")).toList(), "no process left behind");
    }

    private Flasher.Result flash(SimulatorStateFile.Stored initial, Duration timeout, List<FlashEvent> events,
                                 FlashRequest request) throws Exception {
        FlashFixture.upstream();
        SimulatorStateFile state = new SimulatorStateFile(dir.resolve("device.json"));
        state.write(initial);
        Path cli = FakeProgrammer.install(dir.resolve("bin"), state.path());
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            return Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(new ProcessBackend(cli, timeout))
                    .files(FlashFixture.upstreamFiles()).staging(dir.resolve("files")).journal(journal)
                    .listener(events::add).yes(true).retries(3, Duration.ZERO).build()
                    .flash(request, new OfflinePlans(FlashFixture.PLANNER), null);
        }
    }

    private DeviceState device() throws Exception {
        return new SimulatorStateFile(dir.resolve("device.json")).read().device();
    }

    @Test
    void theFactoryStoryThroughRealProcesses() throws Exception {
        List<FlashEvent> events = FlashFixture.events();
        Flasher.Result r = flash(SimulatorStateFile.Stored.of(DeviceState.factory("1M")), Duration.ofSeconds(60),
                events, FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"));
        assertTrue(r.ok(), r.message() + "\n" + events);
        assertEquals(FirmwareVersion.of(2, 2, 0), device().fus());
        assertEquals("BLE_Stack_full", device().stack().name());
    }

    @Test
    void aHungCallIsKilledThenTheDeviceIsReadAndTheStepRunAgain() throws Exception {
        List<FlashEvent> events = FlashFixture.events();
        // call 1 pre-flight; step 1 start-fus = call 2, its read-back 3; step 2 read-fus-info = call 4;
        // step 3 (FUS upgrade 0.5.3 -> 1.2.0) = call 5: it hangs before FUS is touched
        SimulatorStateFile.Stored initial = SimulatorStateFile.Stored.of(DeviceState.factory("1M"))
                .withFault(5, Faults.Kind.HANG).withHangSeconds(120);
        long start = System.nanoTime();
        Flasher.Result r = flash(initial, Duration.ofSeconds(3), events,
                FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"));
        assertTrue(r.ok(), r.message() + "\n" + events);
        assertTrue(events.stream().anyMatch(e -> e.type() == FlashEvent.Type.RETRY && e.step() == 3), events.toString());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(100).toNanos(), "the hung call was killed");
        assertEquals(FirmwareVersion.of(2, 2, 0), device().fus());
    }

    @Test
    void garbageOutputIsAnUnknownEffectJudgedByReadingTheDevice() throws Exception {
        List<FlashEvent> events = FlashFixture.events();
        SimulatorStateFile.Stored initial = SimulatorStateFile.Stored.of(DeviceState.factory("1M")).withGarbageOn(5);
        Flasher.Result r = flash(initial, Duration.ofSeconds(60), events,
                FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"));
        assertTrue(r.ok(), r.message() + "\n" + events);
        FlashEvent stepEnd = events.stream().filter(e -> e.type() == FlashEvent.Type.STEP_END && e.step() == 3).findFirst()
                .orElseThrow();
        assertEquals("UNKNOWN", stepEnd.effect(), "the garbage call's effect was unknown");
        assertTrue(stepEnd.message().contains("read back shows the step done"), stepEnd.message());
    }
}
