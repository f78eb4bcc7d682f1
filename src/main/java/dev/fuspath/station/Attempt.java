package dev.fuspath.station;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * A board in a lane, from when it is identified until its record is kept: written (and forced to disk) before the
 * first write to the board, removed once the record is in the spool. A lane that still has one was interrupted:
 * {@code --resume} continues it with the same attempt id, so its record keeps the same id.
 */
public record Attempt(String id, String lane, String boardUid, String deviceId, long flashBytes, String startedAt) {

    public Instant started() {
        return Instant.parse(startedAt);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<Attempt> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Attempt a = JSON.readValue(file.toFile(), Attempt.class);
            if (a.id() == null || a.boardUid() == null || a.startedAt() == null || a.lane() == null) {
                throw new IOException("fields are missing");
            }
            a.started();
            return Optional.of(a);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a lane's attempt file: " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".attempt", ".tmp");
        try {
            Files.write(tmp, JSON.writeValueAsBytes(this));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
