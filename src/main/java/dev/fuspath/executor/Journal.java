package dev.fuspath.executor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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

    /** The journal is held by another fuspath run (its process id when the lock file names one). */
    public static final class InUseException extends IOException {
        private final Long pid;

        InUseException(Path journal, Long pid) {
            super(journal + " is in use by another fuspath run" + (pid == null ? "" : " (pid " + pid + ")"));
            this.pid = pid;
        }

        public java.util.OptionalLong pid() {
            return pid == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(pid);
        }
    }

    /** Opens for appending; fails with {@link InUseException} when another run is writing to it. */
    public static Journal open(Path path) throws IOException {
        Path abs = path.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path lockPath = abs.resolveSibling(abs.getFileName() + ".lock");
        FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
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
            Long holder = holderPid(lockChannel);
            lockChannel.close();
            throw new InUseException(abs, holder);
        }
        try {
            // who holds it, for the message another run gives
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException | UnsupportedOperationException e) {
            // the pid is a courtesy; the lock is what counts
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
        Journal j = new Journal(abs, channel, lockChannel, lock);
        try {
            j.endCutLine();
        } catch (IOException | RuntimeException e) {
            j.close();
            throw e;
        }
        return j;
    }

    /** The process id the lock file names, if it names one. */
    private static Long holderPid(FileChannel lockChannel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            lockChannel.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,18}") ? Long.valueOf(text) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
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

    /** Why a line was skipped. */
    public enum SkipKind {
        /** The line stops short of its end, at any byte (a kill, a power loss or a full disk while it was written). */
        CUT,
        /** Not a line fuspath writes: garbage, bytes that are not UTF-8, JSON that is not an event, too long. */
        DAMAGED
    }

    /** A line that is not an event: its number (from 1), why, and what is wrong with it. */
    public record Skipped(long line, SkipKind kind, String reason) {

        /** "line 7 of PATH was cut short ... and was skipped", for people. */
        public String describe(Path path) {
            return kind == SkipKind.CUT
                    ? "line " + line + " of " + path + " was cut short (a run killed, or a full disk, while it was"
                            + " written) and was skipped"
                    : "line " + line + " of " + path + " is damaged (" + reason + ") and was skipped";
        }
    }

    /** What a journal file holds: its events in order, and the lines that could not be read. */
    public record Contents(List<FlashEvent> events, List<Skipped> skipped) {

        public int unreadableLines() {
            return skipped.size();
        }

        /** The skipped lines that are damage, not a line cut short. */
        public List<Skipped> damaged() {
            return skipped.stream().filter(s -> s.kind() == SkipKind.DAMAGED).toList();
        }
    }

    /**
     * Reads a journal line by line, as bytes. A line cut short, whatever byte it stops on (even inside a UTF-8
     * character), is skipped: the last line, or one a later run closed. Any other line that is not an event is
     * skipped and reported with its number; the lines around it are read as usual.
     */
    public static Contents read(Path path) throws IOException {
        List<FlashEvent> events = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException(path + " is " + (Files.isDirectory(path) ? "a folder" : "not a regular file")
                    + ", not a fuspath journal");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long number = 1;
            boolean tooLong = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    if (line.size() < MAX_LINE) {
                        line.write(b);
                    } else {
                        tooLong = true;
                    }
                    continue;
                }
                parse(line.toByteArray(), tooLong, false, number, events, skipped);
                line.reset();
                tooLong = false;
                number++;
            }
            parse(line.toByteArray(), tooLong, true, number, events, skipped);
        } catch (NoSuchFileException e) {
            return new Contents(List.of(), List.of());
        }
        return new Contents(events, List.copyOf(skipped));
    }

    private static void parse(byte[] bytes, boolean tooLong, boolean unterminated, long number,
                              List<FlashEvent> events, List<Skipped> skipped) {
        if (tooLong) {
            skipped.add(new Skipped(number, SkipKind.DAMAGED, "longer than " + MAX_LINE + " bytes"));
            return;
        }
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        if (end == 0) {
            return;
        }
        int whole = completeUtf8Length(bytes, end);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, whole)).toString();
        } catch (CharacterCodingException e) {
            skipped.add(new Skipped(number, unterminated ? SkipKind.CUT : SkipKind.DAMAGED, "not UTF-8 text"));
            return;
        }
        if (whole < end) {
            // it stops inside a character: only a line cut short does that
            skipped.add(new Skipped(number, SkipKind.CUT, "ends inside a UTF-8 character"));
            return;
        }
        try {
            FlashEvent e = JSON.readValue(text, FlashEvent.class);
            if (e == null || e.type() == null || e.run() == null) {
                skipped.add(new Skipped(number, SkipKind.DAMAGED, "JSON, but not a journal event"));
                return;
            }
            events.add(e);
        } catch (IOException | RuntimeException e) {
            if (unterminated || stopsShort(bytes, whole)) {
                skipped.add(new Skipped(number, SkipKind.CUT, "cut short"));
            } else if (isJson(text)) {
                skipped.add(new Skipped(number, SkipKind.DAMAGED, "JSON, but not a journal event"));
            } else {
                skipped.add(new Skipped(number, SkipKind.DAMAGED, "not JSON"
                        + (e instanceof JsonProcessingException p && p.getLocation() != null
                                ? " at column " + p.getLocation().getColumnNr() : "")));
            }
        }
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The length of {@code bytes[0, end)} without a last UTF-8 sequence that lacks its continuation bytes. */
    static int completeUtf8Length(byte[] bytes, int end) {
        int i = end - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return end;
        }
        int lead = bytes[i] & 0xFF;
        int needed = lead >= 0xF0 && lead <= 0xF4 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC2 && lead < 0xE0 ? 1 : -1;
        if (lead >= 0xF5) {
            needed = -1;
        }
        return needed > continuation ? i : end;
    }

    /**
     * Whether the bytes are the start of a JSON object that stops short: fed to a non-blocking parser, they raise no
     * error and leave it waiting for more input inside the object (a cut {@code tru}, number, string or escape
     * included).
     */
    static boolean stopsShort(byte[] bytes, int length) {
        try (JsonParser p = JSON.getFactory().createNonBlockingByteArrayParser()) {
            ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(bytes, 0, length);
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.NOT_AVAILABLE) {
                if (t == null || depth == 0 && t != JsonToken.START_OBJECT) {
                    return false;
                }
                if (t.isStructStart()) {
                    depth++;
                } else if (t.isStructEnd() && --depth == 0) {
                    return false; // a whole object: not cut
                }
            }
            return depth > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
