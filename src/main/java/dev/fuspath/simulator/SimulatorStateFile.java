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
                         List<Integer> garbageOn, List<String> slowWhen, List<String> hangWhen) {
        public Stored {
            faults = faults == null ? List.of() : List.copyOf(faults);
            garbageOn = garbageOn == null ? List.of() : List.copyOf(garbageOn);
            slowWhen = slowWhen == null ? List.of() : List.copyOf(slowWhen);
            hangWhen = hangWhen == null ? List.of() : List.copyOf(hangWhen);
        }

        public static Stored of(DeviceState device) {
            return new Stored(device, 0, List.of(), 600, List.of(), List.of(), List.of());
        }

        public Stored withFault(int call, Faults.Kind kind) {
            List<Faults.Fault> l = new ArrayList<>(faults);
            l.add(new Faults.Fault(call, kind));
            return new Stored(device, calls, l, hangSeconds, garbageOn, slowWhen, hangWhen);
        }

        public Stored withGarbageOn(int call) {
            List<Integer> l = new ArrayList<>(garbageOn);
            l.add(call);
            return new Stored(device, calls, faults, hangSeconds, l, slowWhen, hangWhen);
        }

        public Stored withHangSeconds(long seconds) {
            return new Stored(device, calls, faults, seconds, garbageOn, slowWhen, hangWhen);
        }

        /**
         * The first call whose command line contains {@code text} does its work, then blocks {@link #hangSeconds}
         * before it prints anything: the device has changed, the caller does not know yet.
         */
        public Stored withSlowWhen(String text) {
            List<String> l = new ArrayList<>(slowWhen);
            l.add(text);
            return new Stored(device, calls, faults, hangSeconds, garbageOn, l, hangWhen);
        }

        /** The first call whose command line contains {@code text} hangs before it changes anything. */
        public Stored withHangWhen(String text) {
            List<String> l = new ArrayList<>(hangWhen);
            l.add(text);
            return new Stored(device, calls, faults, hangSeconds, garbageOn, slowWhen, l);
        }
    }

    /** One call's result, whether its output is to be replaced by garbage, and whether it blocks before printing. */
    public record Outcome(SimulatedDevice.Result result, boolean garbage, long hangSeconds, boolean slow) {
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
            String line = String.join(" ", args);
            Faults faults = Faults.seed(call);
            List<String> hangLeft = new ArrayList<>(s.hangWhen());
            if (hangLeft.stream().filter(line::contains).findFirst().map(hangLeft::remove).orElse(false)) {
                faults = faults.onCall(1, Faults.Kind.HANG);
            }
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
            List<String> slowLeft = new ArrayList<>(s.slowWhen());
            boolean slow = slowLeft.stream().filter(line::contains).findFirst().map(slowLeft::remove).orElse(false);
            write(new Stored(result.state(), call, left, s.hangSeconds(), s.garbageOn(), slowLeft, hangLeft));
            Files.writeString(callLog(), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new Outcome(result, garbage, s.hangSeconds(), slow);
        }
    }
}
