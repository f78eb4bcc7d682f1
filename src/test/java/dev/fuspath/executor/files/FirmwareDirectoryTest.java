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

import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.TestImages;
import dev.fuspath.planner.PlanStep;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files found in a folder by upstream name, path and checksum, on synthetic images. */
class FirmwareDirectoryTest {

    private static final byte[] NEW = TestImages.fusV2Stack().payloadSize(20000).seed(23).version(0x01170000L).build();
    private static final byte[] OLD = TestImages.stack().payloadSize(19000).seed(17).version(0x01110300L).build();

    @TempDir
    Path root;

    private static String reason(FirmwareUnavailableException e) {
        assertEquals(1, e.attempts().size(), e.getMessage());
        return e.attempts().get(0).reason();
    }

    @Test
    void findsTheFileAtItsUpstreamPath() throws Exception {
        Path upstream = write(root.resolve(FOLDER + FULL), NEW);
        Fetched fetched = new FirmwareDirectory(root).fetch(install(5, FULL, NEW), "v1.23.0");
        assertArrayEquals(NEW, fetched.bytes());
        assertEquals(upstream.toString(), fetched.origin());
    }

    @Test
    void prefersTheCopyAtTheUpstreamPathAmongSameNamedOnes() throws Exception {
        write(root.resolve("A-copies/" + FULL), NEW); // sorts first, but is not where upstream keeps it
        Path upstream = write(root.resolve("STM32CubeWB/" + FOLDER + FULL), NEW);
        assertEquals(upstream.toString(), new FirmwareDirectory(root).fetch(install(5, FULL, NEW)).origin());
    }

    @Test
    void takesTheSameNamedFileWithTheRightChecksumWhereverItIs() throws Exception {
        write(root.resolve(FOLDER + FULL), OLD); // the checkout is at another release
        Path kept = write(root.resolve("downloads/v1.23.0/" + FULL), NEW);
        assertEquals(kept.toString(), new FirmwareDirectory(root).fetch(install(5, FULL, NEW)).origin());
    }

    @Test
    void findsARenamedFileByItsSizeAndChecksum() throws Exception {
        write(root.resolve("my stack (copy).bin"), NEW);
        write(root.resolve("other.bin"), Arrays.copyOf(OLD, NEW.length)); // same size, other bytes
        Fetched fetched = new FirmwareDirectory(root).fetch(install(5, FULL, NEW));
        assertArrayEquals(NEW, fetched.bytes());
        assertTrue(fetched.origin().endsWith("my stack (copy).bin"), fetched.origin());
    }

    @Test
    void namesMatchInAnyCase() throws Exception {
        write(root.resolve("STM32WB5X_BLE_STACK_FULL_FW.BIN"), NEW);
        assertArrayEquals(NEW, new FirmwareDirectory(root).fetch(install(5, FULL, NEW)).bytes());
    }

    @Test
    void aSameNamedFileOfAnotherReleaseIsNamedPrecisely() throws Exception {
        write(root.resolve(FOLDER + FULL), OLD);
        FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW), "v1.23.0"));
        assertEquals(5, e.step());
        assertEquals(FULL, e.file());
        assertEquals("folder " + root, e.attempts().get(0).source());
        assertEquals(FOLDER + FULL + " in " + root + " is stack 1.17.3 by its footer (SHA-256 " + Sha256.of(OLD) + ", "
                + OLD.length + " bytes), the plan needs SHA-256 " + Sha256.of(NEW) + " (" + NEW.length + " bytes) from"
                + " v1.23.0: check out tag v1.23.0 or pass --firmware-dir to that release's folder", reason(e));

        FirmwareUnavailableException noRelease = assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW)));
        assertTrue(reason(noRelease).endsWith("pass --firmware-dir the folder of the plan's release"), reason(noRelease));
    }

    @Test
    void whatAWrongFileIsComesFromItsFooter() throws Exception {
        write(root.resolve("a/" + FULL), new byte[0]);
        write(root.resolve("b/" + FULL), "<html>404 Not Found</html>".getBytes());
        write(root.resolve("c/" + FULL), TestImages.fus().payloadSize(5000).build());
        String reason = reason(assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW), "v1.23.0")));
        assertTrue(reason.startsWith("a/" + FULL + " in " + root + " is an empty file"), reason);
        assertTrue(reason.contains("(and 2 other files of that name are not it either)"), reason);
        for (String what : List.of("no coprocessor image (no valid footer)", "FUS 1.2.0 by its footer")) {
            FirmwareDirectory only = new FirmwareDirectory(root.resolve(what.startsWith("FUS") ? "c" : "b"));
            String r = reason(assertThrows(FirmwareUnavailableException.class, () -> only.fetch(install(5, FULL, NEW))));
            assertTrue(r.contains(" is " + what), r);
        }
    }

    @Test
    void aTruncatedCopyIsNotTheFile() throws Exception {
        write(root.resolve(FOLDER + FULL), Arrays.copyOf(NEW, NEW.length - 1));
        String reason = reason(assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW))));
        assertTrue(reason.contains((NEW.length - 1) + " bytes), the plan needs"), reason);
    }

    @Test
    void nothingThereSaysWhatWasSearched() throws Exception {
        write(root.resolve("notes.txt"), "x".getBytes());
        write(root.resolve("x/y.bin"), OLD);
        String reason = reason(assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW), "v1.23.0")));
        assertEquals("no file named " + FULL + " among the 2 files in " + root + ", and none of its " + NEW.length
                + " bytes with its SHA-256 " + Sha256.of(NEW) + " from v1.23.0: check out tag v1.23.0 or pass"
                + " --firmware-dir to that release's folder", reason);
        String missing = reason(assertThrows(FirmwareUnavailableException.class,
                () -> new FirmwareDirectory(root.resolve("nope")).fetch(install(5, FULL, NEW))));
        assertEquals(root.resolve("nope") + " does not exist", missing);
    }

    @Test
    void aSingleFileServesAsTheFolder() throws Exception {
        Path file = write(root.resolve("renamed.bin"), NEW);
        assertArrayEquals(NEW, new FirmwareDirectory(file).fetch(install(5, FULL, NEW)).bytes());
    }

    @Test
    void theFolderIsWalkedOnceForAllSteps() throws Exception {
        write(root.resolve(FOLDER + FULL), NEW);
        write(root.resolve(FOLDER + "stm32wb5x_FUS_fw.bin"), OLD);
        FirmwareDirectory dir = new FirmwareDirectory(root);
        dir.fetch(install(4, "stm32wb5x_FUS_fw.bin", OLD));
        dir.fetch(install(5, FULL, NEW));
        assertThrows(FirmwareUnavailableException.class, () -> dir.fetch(install(6, "other.bin", new byte[] {1})));
        assertEquals(1, dir.walks());
    }

    @Test
    void aStepWithoutAUsableChecksumIsRefusedBeforeAnySearch() throws Exception {
        write(root.resolve(FOLDER + FULL), NEW);
        FirmwareDirectory dir = new FirmwareDirectory(root);
        for (PlanStep bad : List.of(Steps.step(5, FULL, FOLDER + FULL, "xyz", (long) NEW.length),
                Steps.step(5, FULL, FOLDER + FULL, null, (long) NEW.length),
                Steps.step(5, FULL, FOLDER + FULL, Sha256.of(NEW), null),
                Steps.step(5, FULL, FOLDER + FULL, Sha256.of(NEW), StepFile.MAX_SIZE + 1),
                Steps.step(5, "evil\u0000name\n.bin", FOLDER + FULL, Sha256.of(NEW), (long) NEW.length))) {
            FirmwareUnavailableException e = assertThrows(FirmwareUnavailableException.class, () -> dir.fetch(bad));
            assertTrue(reason(e).startsWith("the plan"), reason(e));
            assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
        }
        assertEquals(0, dir.walks());
        assertThrows(IllegalArgumentException.class, () -> dir.fetch(new PlanStep(1, StepAction.START_FUS, "x", null, null, null,
                null, null, null, null, null, null, List.of())));
    }

    @Test
    void anUppercaseChecksumInThePlanIsTheSame() throws Exception {
        write(root.resolve(FOLDER + FULL), NEW);
        PlanStep upper = Steps.step(5, FULL, FOLDER + FULL, Sha256.of(NEW).toUpperCase(), (long) NEW.length);
        assertArrayEquals(NEW, new FirmwareDirectory(root).fetch(upper).bytes());
    }
}
