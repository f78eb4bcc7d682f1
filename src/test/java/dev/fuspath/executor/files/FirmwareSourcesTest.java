package dev.fuspath.executor.files;

import dev.fuspath.planner.StepAction;
import static dev.fuspath.executor.files.Steps.FOLDER;
import static dev.fuspath.executor.files.Steps.FULL;
import static dev.fuspath.executor.files.Steps.install;
import static dev.fuspath.executor.files.Steps.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.TestImages;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sources in turn: the first that has the file wins, and a failure keeps every source's reason. */
class FirmwareSourcesTest {

    private static final String FUS = "stm32wb5x_FUS_fw.bin";
    private static final byte[] FUS_BYTES = TestImages.fus().payloadSize(24000).seed(3).build();
    private static final byte[] STACK = TestImages.fusV2Stack().payloadSize(20000).seed(23).version(0x01170000L).build();

    @TempDir
    Path tmp;

    /** A source that counts what it is asked, in front of another. */
    private static final class Counting implements FirmwareSource {
        final FirmwareSource inner;
        final List<String> asked = new ArrayList<>();

        Counting(FirmwareSource inner) {
            this.inner = inner;
        }

        @Override
        public Fetched fetch(PlanStep step) throws FirmwareUnavailableException {
            return fetch(step, null);
        }

        @Override
        public Fetched fetch(PlanStep step, String release) throws FirmwareUnavailableException {
            asked.add(step.n() + " " + release);
            return inner.fetch(step, release);
        }

        @Override
        public String describe() {
            return inner.describe();
        }
    }

    private static Plan plan(PlanStep... steps) {
        return new Plan("id", "v1.23.0", new Plan.ChipView("STM32WB55RG", "STM32WB5x", "1M", 4096, "0x495"), "swd",
                new Plan.State("0.5.3", "none"), new Plan.State("2.1.0", "BLE_Stack_full 1.23.0"), List.of(steps),
                List.of());
    }

    private static PlanStep startFus() {
        return new PlanStep(1, StepAction.START_FUS, "x", null, null, null, null, null, null, null, null, null, List.of("-startfus"));
    }

    @Test
    void theFirstSourceThatHasTheFileGivesIt() throws Exception {
        Path empty = tmp.resolve("empty");
        java.nio.file.Files.createDirectories(empty);
        Path full = write(tmp.resolve("full/" + FOLDER + FULL), STACK);
        Counting first = new Counting(new FirmwareDirectory(empty));
        Counting second = new Counting(new FirmwareDirectory(tmp.resolve("full")));
        Counting third = new Counting(new FirmwareDirectory(tmp));
        FirmwareSources sources = new FirmwareSources(List.of(first, second, third));
        Fetched fetched = sources.fetch(install(5, FULL, STACK), "v1.23.0");
        assertEquals(full.toString(), fetched.origin());
        assertEquals(List.of("5 v1.23.0"), first.asked);
        assertEquals(List.of("5 v1.23.0"), second.asked);
        assertEquals(List.of(), third.asked);
        assertEquals("folder " + empty + ", then folder " + tmp.resolve("full") + ", then folder " + tmp, sources.describe());
    }

    @Test
    void whenNoSourceHasItEveryReasonIsKept() throws Exception {
        write(tmp.resolve("a/" + FULL), FUS_BYTES);
        FirmwareSources sources = new FirmwareSources(List.of(new FirmwareDirectory(tmp.resolve("a")),
                new FirmwareDirectory(tmp.resolve("missing"))));
        FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class,
                () -> sources.fetch(install(5, FULL, STACK), "v1.23.0"));
        assertEquals(5, e.step());
        assertEquals(FULL, e.file());
        assertEquals(List.of("folder " + tmp.resolve("a"), "folder " + tmp.resolve("missing")),
                e.attempts().stream().map(FirmwareUnavailableException.Attempt::source).toList());
        assertTrue(e.attempts().get(0).reason().contains("is FUS 1.2.0 by its footer"), e.getMessage());
        assertEquals(tmp.resolve("missing") + " does not exist", e.attempts().get(1).reason());
        assertTrue(e.getMessage().startsWith("step 5 needs " + FULL + ", which no source gave: folder " + tmp.resolve("a")
                + ": "), e.getMessage());

        FirmwareUnavailableException none = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareSources(List.of()).fetch(install(5, FULL, STACK)));
        assertTrue(none.getMessage().contains("no firmware source was given: pass --firmware-dir"), none.getMessage());
    }

    @Test
    void fetchAllGivesEveryFileOfThePlanOnce() throws Exception {
        write(tmp.resolve(FOLDER + FUS), FUS_BYTES);
        write(tmp.resolve(FOLDER + FULL), STACK);
        Counting dir = new Counting(new FirmwareDirectory(tmp));
        Map<String, byte[]> files = new FirmwareSources(List.of(dir)).fetchAll(plan(startFus(),
                install(2, FUS, FUS_BYTES), install(3, FUS, FUS_BYTES), install(4, FULL, STACK)));
        assertEquals(List.of(FUS, FULL), List.copyOf(files.keySet()));
        assertArrayEquals(FUS_BYTES, files.get(FUS));
        assertArrayEquals(STACK, files.get(FULL));
        assertEquals(List.of("2 v1.23.0", "4 v1.23.0"), dir.asked, "one fetch per file, with the plan's release");
    }

    @Test
    void fetchAllFailsAtTheFirstMissingFile() throws Exception {
        write(tmp.resolve(FOLDER + FUS), FUS_BYTES);
        FirmwareSources sources = new FirmwareSources(List.of(new FirmwareDirectory(tmp)));
        FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class,
                () -> sources.fetchAll(plan(startFus(), install(2, FUS, FUS_BYTES), install(4, FULL, STACK))));
        assertEquals(4, e.step());
        assertTrue(e.getMessage().contains("from v1.23.0"), e.getMessage());
    }

    @Test
    void aPlanNamingOneFileWithTwoChecksumsIsRefused() throws Exception {
        write(tmp.resolve(FOLDER + FUS), FUS_BYTES);
        FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareSources(List.of(new FirmwareDirectory(tmp))).fetchAll(plan(install(2, FUS, FUS_BYTES),
                        install(3, FUS, STACK))));
        assertEquals(3, e.step());
        assertEquals("plan", e.attempts().get(0).source());
        assertTrue(e.getMessage().contains("step 2 names a file of the same name with another SHA-256"), e.getMessage());
    }
}
