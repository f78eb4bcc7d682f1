package dev.fuspath.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What a path given on the command line is, when it is not a regular file to read. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * Fails, saying what the path is, unless it is a regular file (following links). A FIFO is refused rather than
     * read (it would wait for a writer forever); so are devices: /dev/null is not a log or an image.
     */
    static void requireRegularFile(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return;
        }
        if (!Files.exists(path)) {
            throw new IOException(Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? "a symbolic link to nothing (" + target(path) + " does not exist)" : "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException("a folder, not a file");
        }
        throw new IOException(special(path) + ", not a regular file");
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "its target";
        }
    }

    /** The kind of a special file, from its mode bits where the platform has them. */
    private static String special(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }
}
