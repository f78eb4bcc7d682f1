package dev.fuspath.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.RecordJson;
import dev.fuspath.records.RecordParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The station's records, kept before any upload: an append-only JSON Lines file, each line forced to disk.
 * {@code {"record": {...}}} keeps a record (its canonical JSON); {@code {"uploaded": ["id", ...]}} says the service
 * answered for those ids (stored or duplicate). A record id is kept once: the same attempt spooled again (a resume
 * after a kill) is not added twice. A line cut short by a kill is skipped when read.
 */
public final class RecordSpool implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final Map<String, BoardRecord> records = new LinkedHashMap<>();
    private final Set<String> uploaded = new LinkedHashSet<>();
    private int skipped;

    private RecordSpool(Path file) throws IOException {
        this.file = file;
        if (Files.exists(file)) {
            load();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (channel.size() > 0) {
            ByteBuffer last = ByteBuffer.allocate(1);
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                in.read(last, in.size() - 1);
            }
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        }
    }

    public static RecordSpool open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not the station's record spool");
        }
        return new RecordSpool(file);
    }

    private void load() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n.has("record")) {
                    BoardRecord r = RecordParser.record(n.get("record"));
                    records.putIfAbsent(r.recordId(), r);
                } else if (n.path("uploaded").isArray()) {
                    n.get("uploaded").forEach(id -> uploaded.add(id.asText()));
                } else {
                    skipped++;
                }
            } catch (IOException | RuntimeException e) {
                skipped++;
            }
        }
    }

    public Path path() {
        return file;
    }

    /** Lines that were neither a record nor an upload mark (a line cut short by a kill). */
    public int skipped() {
        return skipped;
    }

    /** Keeps a record; false when its id is already kept (the record is then not written again). */
    public synchronized boolean add(BoardRecord record) throws IOException {
        if (records.containsKey(record.recordId())) {
            return false;
        }
        ObjectNode line = JSON.createObjectNode();
        line.set("record", RecordJson.node(record));
        append(JSON.writeValueAsString(line));
        records.put(record.recordId(), record);
        return true;
    }

    public synchronized boolean contains(String recordId) {
        return records.containsKey(recordId);
    }

    public synchronized void markUploaded(Collection<String> ids) throws IOException {
        List<String> fresh = ids.stream().filter(id -> !uploaded.contains(id)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        ObjectNode line = JSON.createObjectNode();
        line.putPOJO("uploaded", fresh);
        append(JSON.writeValueAsString(line));
        uploaded.addAll(fresh);
    }

    /** Records not yet answered for by the service, oldest first, at most {@code max}. */
    public synchronized List<BoardRecord> pending(int max) {
        List<BoardRecord> out = new ArrayList<>();
        for (BoardRecord r : records.values()) {
            if (!uploaded.contains(r.recordId())) {
                out.add(r);
                if (out.size() >= max) {
                    break;
                }
            }
        }
        return out;
    }

    public synchronized int pendingCount() {
        return (int) records.keySet().stream().filter(id -> !uploaded.contains(id)).count();
    }

    public synchronized List<BoardRecord> all() {
        return List.copyOf(records.values());
    }

    private void append(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
