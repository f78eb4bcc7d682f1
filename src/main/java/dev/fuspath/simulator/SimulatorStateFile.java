package dev.fuspath.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A simulated device that outlives a process: its state, the number of calls made to it and the faults still to
 * come, in one JSON file. Each {@link #run} loads it, runs one STM32_Programmer_CLI invocation and writes it back
 * (under a file lock, replaced atomically), so the fake STM32_Programmer_CLI and {@code fuspath flash --backend
 * simulator} can be killed between or during calls like a real tool.
 */
public final class SimulatorStateFile {

    /**
     * @param device      the device as it is
     * @param calls       invocations made so far
     * @param faults      faults still to fire, by 1-based call number
     * @param hangSeconds how long a hung call blocks a real process (the fake CLI sleeps that long)
     * @param garbageOn   call numbers whose output is replaced by bytes no tool prints (state unchanged)
     */
    public record Stored(DeviceState device, int calls, List<Faults.Fault> faults, long hangSeconds,
                         List<Integer> garbageOn) {
        public Stored {
            faults = faults == null ? List.of() : List.copyOf(faults);
            garbageOn = garbageOn == null ? List.of() : List.copyOf(garbageOn);
        }

        public static Stored of(DeviceState device) {
            return new Stored(device, 0, List.of(), 600, List.of());
        }

        public Stored withFault(int call, Faults.Kind kind) {
            List<Faults.Fault> l = new ArrayList<>(faults);
            l.add(new Faults.Fault(call, kind));
            return new Stored(device, calls, l, hangSeconds, garbageOn);
        }

        public Stored withGarbageOn(int call) {
            List<Integer> l = new ArrayList<>(garbageOn);
            l.add(call);
            return new Stored(device, calls, faults, hangSeconds, l);
        }

        public Stored withHangSeconds(long seconds) {
            return new Stored(device, calls, faults, seconds, garbageOn);
        }
    }

    /** One call's result, and whether its output is to be replaced by garbage. */
    public record Outcome(SimulatedDevice.Result result, boolean garbage, long hangSeconds) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;

    public SimulatorStateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** Every invocation's arguments, one line each, in order. */
    public Path callLog() {
        return file.resolveSibling(file.getFileName() + ".calls");
    }

    public Stored read() throws IOException {
        try {
            Stored s = JSON.readValue(file.toFile(), Stored.class);
            if (s.device() == null) {
                throw new IOException(file + " holds no device");
            }
            return s;
        } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
            throw new IOException(file + " is not a simulator state file: " + e.getMessage(), e);
        }
    }

    public void write(Stored stored) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".sim", ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), stored);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Runs one invocation on the stored device and stores what it became (a hung call changes nothing). */
    public Outcome run(List<String> args, Map<String, byte[]> files) throws IOException {
        Path lock = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            Stored s = read();
            int call = s.calls() + 1;
            Faults faults = Faults.seed(call);
            List<Faults.Fault> left = new ArrayList<>();
            for (Faults.Fault f : s.faults()) {
                if (f.call() == call) {
                    faults = faults.onCall(1, f.kind());
                } else {
                    left.add(f);
                }
            }
            SimulatedDevice device = new SimulatedDevice(s.device(), faults);
            SimulatedDevice.Result result = device.run(args, files);
            boolean garbage = s.garbageOn().contains(call);
            write(new Stored(result.state(), call, left, s.hangSeconds(), s.garbageOn()));
            Files.writeString(callLog(), String.join(" ", args) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new Outcome(result, garbage, s.hangSeconds());
        }
    }
}
