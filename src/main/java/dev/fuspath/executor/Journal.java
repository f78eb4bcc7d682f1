package dev.fuspath.executor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only record of every flash run: one JSON object per line, each line forced to disk before the step it
 * announces starts. A line cut short by a kill is skipped when reading. One writer at a time (a lock file beside it).
 */
public final class Journal implements Closeable {

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    /** Lines longer than this are not ours: skipped when reading. */
    static final int MAX_LINE = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Journal(Path path, FileChannel channel, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** The default journal: $XDG_STATE_HOME/fuspath/journal.jsonl, else ~/.local/state/fuspath/journal.jsonl. */
    public static Path defaultPath() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("fuspath").resolve("journal.jsonl");
    }

    /** Opens for appending; fails when another process is writing to it. */
    public static Journal open(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        FileChannel lockChannel = FileChannel.open(abs.resolveSibling(abs.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException("another fuspath flash is using " + abs + ": wait for it to end");
        }
        FileChannel channel = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        Journal j = new Journal(abs, channel, lockChannel, lock);
        j.endCutLine();
        return j;
    }

    /** A line left unfinished by a kill would glue itself to the next one: end it first. */
    private void endCutLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        try (FileChannel r = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            r.read(last, size - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[]{'\n'}));
                channel.force(false);
            }
        }
    }

    public Path path() {
        return path;
    }

    public void append(FlashEvent event) throws IOException {
        byte[] line = (JSON.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /** What a journal file holds: its events in order, and how many lines could not be read. */
    public record Contents(List<FlashEvent> events, int unreadableLines) {
    }

    public static Contents read(Path path) throws IOException {
        List<FlashEvent> events = new ArrayList<>();
        int bad = 0;
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            int c;
            boolean tooLong = false;
            while ((c = r.read()) >= 0) {
                if (c != '\n') {
                    if (line.length() < MAX_LINE) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                bad += parse(line, tooLong, events);
                line.setLength(0);
                tooLong = false;
            }
            bad += parse(line, tooLong, events);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), 0);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(path + " is not a fuspath journal (not UTF-8 text)");
        }
        return new Contents(events, bad);
    }

    private static int parse(StringBuilder line, boolean tooLong, List<FlashEvent> events) {
        String text = line.toString().strip();
        if (text.isEmpty()) {
            return 0;
        }
        if (tooLong) {
            return 1;
        }
        try {
            FlashEvent e = JSON.readValue(text, FlashEvent.class);
            if (e.type() == null || e.run() == null) {
                return 1;
            }
            events.add(e);
            return 0;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }
}
