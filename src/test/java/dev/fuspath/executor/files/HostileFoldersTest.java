package dev.fuspath.executor.files;

import static dev.fuspath.executor.files.Steps.FOLDER;
import static dev.fuspath.executor.files.Steps.FULL;
import static dev.fuspath.executor.files.Steps.install;
import static dev.fuspath.executor.files.Steps.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fuspath.image.TestImages;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders that would hang, exhaust or fool a naive search: the search ends, bounded, and says what it skipped. */
class HostileFoldersTest {

    private static final byte[] NEW = TestImages.fusV2Stack().payloadSize(20000).seed(23).version(0x01170000L).build();
    private static final Duration QUICK = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private static String reason(FirmwareUnavailableException e) {
        return e.attempts().get(0).reason();
    }

    private String failure(FirmwareDirectory dir) {
        return reason(assertThrows(FirmwareUnavailableException.class, () -> dir.fetch(install(5, FULL, NEW))));
    }

    @Test
    void symbolicLinkLoopsAreSkipped() throws Exception {
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("a/b/up"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("self"), root);
        String reason = assertTimeoutPreemptively(QUICK, () -> failure(new FirmwareDirectory(root)));
        assertTrue(reason.contains("symbolic link loops were skipped"), reason);

        Path kept = write(root.resolve("a/b/" + FULL), NEW);
        Fetched fetched = assertTimeoutPreemptively(QUICK, () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW)));
        assertEquals(kept.toString(), fetched.origin());
    }

    @Test
    void linkedFoldersAreSearched() throws Exception {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        write(elsewhere.resolve(FULL), NEW);
        Path search = Files.createDirectories(root.resolve("search"));
        Files.createSymbolicLink(search.resolve("release"), elsewhere);
        assertArrayEquals(NEW, new FirmwareDirectory(search).fetch(install(5, FULL, NEW)).bytes());
    }

    @Test
    void fifosDevicesAndDanglingLinksAreNeverOpened() throws Exception {
        Path fifo = root.resolve("fifo/" + FULL);
        Files.createDirectories(fifo.getParent());
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "skipped: mkfifo is not available");
        Files.createDirectories(root.resolve("dev"));
        Files.createSymbolicLink(root.resolve("dev/" + FULL), Path.of("/dev/zero"));
        Files.createSymbolicLink(root.resolve(FULL), root.resolve("gone.bin"));
        String reason = assertTimeoutPreemptively(QUICK, () -> failure(new FirmwareDirectory(root)));
        assertTrue(reason.startsWith("no file named " + FULL + " among the 0 files"), reason);

        write(root.resolve("renamed.bin"), NEW);
        assertArrayEquals(NEW, assertTimeoutPreemptively(QUICK,
                () -> new FirmwareDirectory(root).fetch(install(5, FULL, NEW))).bytes());
    }

    @Test
    void aHugeFileIsNotRead() throws Exception {
        Path huge = root.resolve(FOLDER + FULL);
        Files.createDirectories(huge.getParent());
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(5L * 1024 * 1024 * 1024); // sparse: takes no disk
        }
        String reason = assertTimeoutPreemptively(QUICK, () -> failure(new FirmwareDirectory(root)));
        assertTrue(reason.contains("has 5368709120 bytes, far more than any coprocessor image"), reason);
    }

    @Test
    void unreadableFilesAndFoldersAreReportedAndSkipped() throws Exception {
        Path locked = write(root.resolve(FOLDER + FULL), NEW);
        Path closed = Files.createDirectories(root.resolve("closed"));
        write(closed.resolve("inside.bin"), NEW);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        try {
            assumeTrue(!Files.isReadable(locked), "skipped: running as root, who reads every file");
            String reason = failure(new FirmwareDirectory(root));
            assertTrue(reason.startsWith(FOLDER + FULL + " in " + root + " cannot be read (AccessDeniedException"), reason);
            assertTrue(reason.endsWith("; 1 files or folders could not be read"), reason);

            Path copy = write(root.resolve("copy/" + FULL), NEW);
            assertEquals(copy.toString(), new FirmwareDirectory(root).fetch(install(5, FULL, NEW)).origin());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Runs as root too: a file that vanishes or turns into a fifo after the walk fails its read, not the search. */
    @Test
    void aFileReplacedAfterTheWalkIsReportedNotOpened() throws Exception {
        Path file = write(root.resolve(FOLDER + FULL), NEW);
        Path other = write(root.resolve(FOLDER + "other.bin"), new byte[] {1, 2, 3});
        FirmwareDirectory dir = new FirmwareDirectory(root);
        dir.fetch(install(1, "other.bin", new byte[] {1, 2, 3}));
        Files.delete(file);
        Files.delete(other);
        assumeTrue(new ProcessBuilder("mkfifo", file.toString()).start().waitFor() == 0, "skipped: no mkfifo");
        String reason = assertTimeoutPreemptively(QUICK, () -> failure(dir));
        assertEquals(FOLDER + FULL + " in " + root + " cannot be read (no longer a regular file)", reason);
        assertEquals(1, dir.walks());
    }

    @Test
    void tenThousandFilesAreSearchedOnce() throws Exception {
        for (int d = 0; d < 100; d++) {
            for (int f = 0; f < 100; f++) {
                write(root.resolve("d" + d + "/f" + f + ".bin"), new byte[] {(byte) d, (byte) f});
            }
        }
        write(root.resolve("d99/" + FULL + ".old"), NEW);
        FirmwareDirectory dir = new FirmwareDirectory(root);
        long start = System.nanoTime();
        Fetched fetched = assertTimeoutPreemptively(QUICK, () -> dir.fetch(install(5, FULL, NEW)));
        assertTrue(fetched.origin().endsWith(FULL + ".old"));
        assertThrows(FirmwareUnavailableException.class, () -> dir.fetch(install(6, "x.bin", new byte[] {(byte) 200, (byte) 201})));
        assertEquals(1, dir.walks());
        assertTrue(System.nanoTime() - start < QUICK.toNanos());
    }

    @Test
    void theWalkStopsAtItsLimitsAndSaysSo() throws Exception {
        for (int f = 0; f < 600; f++) {
            write(root.resolve("many/f" + f + ".bin"), new byte[] {(byte) f});
        }
        Path deep = root;
        for (int level = 0; level < 8; level++) {
            deep = deep.resolve("level" + level);
        }
        write(deep.resolve(FULL), NEW);
        String reason = failure(new FirmwareDirectory(root, null, new DirectoryIndex.Limits(4, 500)));
        assertTrue(reason.contains("the search stopped after 500 files (pass a smaller folder)"), reason);
        reason = failure(new FirmwareDirectory(root, null, new DirectoryIndex.Limits(4, 10_000)));
        assertTrue(reason.contains("1 folders deeper than 4 levels were not searched"), reason);
        assertArrayEquals(NEW, new FirmwareDirectory(root, null, new DirectoryIndex.Limits(12, 10_000))
                .fetch(install(5, FULL, NEW)).bytes());
    }

    @Test
    void gitFoldersAreNotSearched() throws Exception {
        write(root.resolve(".git/objects/ab/" + FULL), NEW);
        String reason = failure(new FirmwareDirectory(root));
        assertTrue(reason.startsWith("no file named " + FULL + " among the 0 files"), reason);
    }
}
