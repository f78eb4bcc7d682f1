package dev.fuspath.simulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rack of simulated boards behind STM32_Programmer_CLI, kept in a folder so that it outlives a process (the fake
 * CLI of the tests runs it once per call; {@code fuspath station --simulate-rack} runs it in process). Each probe has
 * a file of its own ({@code probe-SN.json}: the board on it, the boards still to come, the boards done), locked while
 * a call runs on it, so lanes run in parallel.
 *
 * <p>What it answers, beyond {@link SimulatedDevice}:
 * <ul>
 * <li>{@code -l st-link} and {@code -l usb}: the probe lists in the shapes of public logs (see
 *     {@code dev.fuspath.station.ProbeListing}).</li>
 * <li>{@code -c port=swd sn=SN}: the probe with that serial number (without {@code sn=}, the first);
 *     {@code port=usbN}: the Nth USB probe. A probe that is gone: "Error: No debug probe detected." (assumed wording
 *     for a serial number no probe has). A probe without a board: the ST-LINK lines, then
 *     "Error: No STM32 target found!" (as a public v2.17.0 log prints it).</li>
 * <li>{@code -r32 0x1FFF7590 12}: the board's 96-bit unique ID, in address order.</li>
 * <li>{@code -d FILE ADDRESS [-v]}: the application image, refused when it would reach the secure area (SFSA).</li>
 * <li>Faults a board carries: a write error, a hang, or the probe dropping off mid-call (DEV_USB_COMM_ERR, then
 *     gone).</li>
 * </ul>
 * The operator is {@link #removeBoard}: it takes the board off a probe and puts the next one on.
 */
public final class SimulatedRack {

    public static final long UID_ADDRESS = 0x1FFF7590L;

    /** A board as the rack keeps it. {@code app} is the SHA-256 of the application image written, if any. */
    public record Slot(String uid, DeviceState device, RackSpec.FaultKind fault, String faultWhen, String app) {
    }

    /** One probe's file. */
    public record ProbeFile(String sn, boolean usb, boolean present, int calls, Slot board, List<Slot> queue,
                            List<Slot> done) {
        public ProbeFile {
            queue = queue == null ? List.of() : List.copyOf(queue);
            done = done == null ? List.of() : List.copyOf(done);
        }
    }

    /** One call's outcome. */
    public record Result(int exitCode, String output, boolean hung) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Path dir;

    public SimulatedRack(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the rack's folder from a spec; an existing rack is kept as it is. */
    public static SimulatedRack create(Path dir, RackSpec spec) throws IOException {
        SimulatedRack rack = new SimulatedRack(dir);
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve("rack.json"))) {
            return rack;
        }
        List<String> sns = new ArrayList<>();
        for (RackSpec.Probe p : spec.probes()) {
            List<Slot> slots = p.boards().stream()
                    .map(b -> new Slot(b.uid(), b.device(), b.fault(), b.faultWhen(), null)).toList();
            Slot first = slots.isEmpty() ? null : slots.get(0);
            rack.write(new ProbeFile(p.sn(), p.usb(), true, 0, first, slots.isEmpty() ? List.of()
                    : slots.subList(1, slots.size()), List.of()));
            sns.add(p.sn());
        }
        write(dir.resolve("rack.json"), Map.of("probes", sns));
        return rack;
    }

    public List<String> serials() {
        try {
            @SuppressWarnings("unchecked")
            Map<String, List<String>> m = JSON.readValue(dir.resolve("rack.json").toFile(), Map.class);
            return List.copyOf(m.get("probes"));
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException(dir + " holds no simulated rack: " + e.getMessage(), e));
        }
    }

    public ProbeFile probe(String sn) {
        try {
            return JSON.readValue(file(sn).toFile(), ProbeFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator takes the board off the probe and puts the next one on (none when the queue is empty). */
    public void removeBoard(String sn) {
        update(sn, p -> {
            List<Slot> done = new ArrayList<>(p.done());
            if (p.board() != null) {
                done.add(p.board());
            }
            Slot next = p.queue().isEmpty() ? null : p.queue().get(0);
            List<Slot> rest = p.queue().isEmpty() ? List.of() : p.queue().subList(1, p.queue().size());
            return new ProbeFile(p.sn(), p.usb(), p.present(), p.calls(), next, rest, done);
        });
    }

    /** Unplugs a probe (its calls then find no probe). */
    public void unplug(String sn) {
        update(sn, p -> new ProbeFile(p.sn(), p.usb(), false, p.calls(), p.board(), p.queue(), p.done()));
    }

    /** Every board the rack has seen, on its probe or done, by probe. */
    public List<Slot> allBoards() {
        List<Slot> all = new ArrayList<>();
        for (String sn : serials()) {
            ProbeFile p = probe(sn);
            all.addAll(p.done());
            if (p.board() != null) {
                all.add(p.board());
            }
            all.addAll(p.queue());
        }
        return all;
    }

    /** How long a call with the {@code slow} fault takes after it did its work. */
    public static final long SLOW_SECONDS = 600;

    /** Runs one STM32_Programmer_CLI invocation on the rack. */
    public Result run(List<String> args) {
        String banner = "      -------------------------------------------------------------------\n"
                + "                        STM32CubeProgrammer v" + SimulatedDevice.TOOL_VERSION + "\n"
                + "      -------------------------------------------------------------------\n\n";
        int l = indexOf(args, "-l", "--list");
        if (l >= 0) {
            String what = l + 1 < args.size() ? args.get(l + 1).toLowerCase(Locale.ROOT) : "";
            return new Result(0, "STM32_Programmer_CLI " + String.join(" ", args) + "\n" + banner + listing(what),
                    false);
        }
        String port = null;
        String sn = null;
        for (String a : args) {
            String low = a.toLowerCase(Locale.ROOT);
            if (low.startsWith("port=")) {
                port = low.substring(5);
            } else if (low.startsWith("sn=")) {
                sn = a.substring(3);
            }
        }
        String head = "STM32_Programmer_CLI " + String.join(" ", args) + "\n" + banner;
        String target = null;
        if (port != null && port.matches("usb\\d+")) {
            target = serials().contains(port) ? port : null;
            if (target == null || !probe(target).present()) {
                return new Result(1, head + "Error: DFU device not found\n", false);
            }
        } else if ("swd".equals(port)) {
            target = sn != null ? (serials().contains(sn) ? sn : null)
                    : serials().stream().filter(s -> !s.startsWith("usb")).findFirst().orElse(null);
            if (target == null || !probe(target).present()) {
                return new Result(1, head + "Error: No debug probe detected.\n", false);
            }
        } else {
            return new Result(1, head + "Error: No STM32 target found!\n", false);
        }
        Result[] out = new Result[1];
        boolean[] slow = new boolean[1];
        String probeSn = target;
        update(target, p -> {
            if (!p.present()) {
                out[0] = new Result(1, head + "Error: No debug probe detected.\n", false);
                return p;
            }
            ProbeFile counted = new ProbeFile(p.sn(), p.usb(), true, p.calls() + 1, p.board(), p.queue(), p.done());
            if (p.board() == null) {
                out[0] = new Result(1, head + (p.usb() ? "Error: DFU device not found\n"
                        : "ST-LINK SN  : " + probeSn + "\nST-LINK FW  : V2J40M27\nBoard       : --\nVoltage     : 0.00V\n"
                        + "Error: No STM32 target found!\n"), false);
                return counted;
            }
            Slot board = p.board();
            String line = String.join(" ", args);
            boolean fires = board.fault() != null && line.contains(board.faultWhen());
            Slot after = fires ? new Slot(board.uid(), board.device(), null, null, board.app()) : board;
            slow[0] = fires && board.fault() == RackSpec.FaultKind.SLOW;
            if (fires && board.fault() == RackSpec.FaultKind.DROP_PROBE) {
                SimulatedDevice.Result connect = new SimulatedDevice(board.device()).run(connection(args), Map.of());
                out[0] = new Result(1, serial(connect.output(), probeSn)
                        + "Error: ST-LINK error (DEV_USB_COMM_ERR)\n", false);
                return new ProbeFile(p.sn(), p.usb(), false, counted.calls(), after, p.queue(), p.done());
            }
            if (uidRead(args)) {
                SimulatedDevice.Result connect = new SimulatedDevice(board.device()).run(connection(args), Map.of());
                out[0] = new Result(0, serial(connect.output(), probeSn) + uidLines(board.uid()), false);
                return counted;
            }
            int d = indexOf(args, "-d", "--download", "-w", "--write");
            if (d >= 0) {
                return download(args, d, counted, after, probeSn, out);
            }
            Faults faults = Faults.none();
            if (fires && board.fault() == RackSpec.FaultKind.WRITE_ERROR) {
                faults = faults.onCall(1, Faults.Kind.WRITE_ERROR);
            } else if (fires && board.fault() == RackSpec.FaultKind.HANG) {
                faults = faults.onCall(1, Faults.Kind.HANG);
            }
            SimulatedDevice device = new SimulatedDevice(board.device(), faults);
            SimulatedDevice.Result r = device.run(args, SimulatedDevice.imagesOnDisk(args));
            out[0] = new Result(r.exitCode(), serial(r.output(), probeSn), r.hung());
            Slot changed = new Slot(after.uid(), r.state(), after.fault(), after.faultWhen(), after.app());
            return new ProbeFile(p.sn(), p.usb(), true, counted.calls(), changed, p.queue(), p.done());
        });
        if (slow[0]) {
            try {
                Thread.sleep(SLOW_SECONDS * 1000); // the work is done and saved; the answer is late
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return out[0];
    }

    private ProbeFile download(List<String> args, int d, ProbeFile p, Slot board, String sn, Result[] out) {
        SimulatedDevice.Result connect = new SimulatedDevice(board.device()).run(connection(args), Map.of());
        StringBuilder o = new StringBuilder(serial(connect.output(), sn));
        String file = d + 1 < args.size() ? args.get(d + 1) : "";
        long address = d + 2 < args.size() && args.get(d + 2).toLowerCase(Locale.ROOT).startsWith("0x")
                ? Long.parseLong(args.get(d + 2).substring(2), 16) : DeviceState.FLASH_BASE;
        byte[] bytes;
        try {
            Path f = Path.of(file);
            bytes = Files.isRegularFile(f) && Files.size(f) <= SimulatedDevice.MAX_IMAGE ? Files.readAllBytes(f) : null;
        } catch (IOException | RuntimeException e) {
            bytes = null;
        }
        if (bytes == null) {
            o.append("Error: File does not exist: ").append(file).append('\n');
            out[0] = new Result(1, o.toString(), false);
            return p;
        }
        o.append("\nMemory Programming ...\nOpening and parsing file: ").append(Path.of(file).getFileName())
                .append('\n').append(String.format(Locale.ROOT, "  File          : %s%n  Size          : %d Bytes%n"
                        + "  Address       : 0x%08X%n%n", Path.of(file).getFileName(), bytes.length, address));
        if (address < DeviceState.FLASH_BASE || address + bytes.length > board.device().sfsaAddress()) {
            // the secure area is not writable from CPU1 (assumed wording)
            o.append("Erasing memory corresponding to segment 0:\nError: failed to download Segment[0]\n"
                    + "Error: failed to download the File\n");
            out[0] = new Result(1, o.toString(), false);
            return p;
        }
        o.append("Erasing memory corresponding to segment 0:\nErasing internal memory sectors\nDownload in Progress:\n"
                + "File download complete\nTime elapsed during download operation: 00:00:00.412\n");
        if (args.contains("-v") || args.contains("--verify")) {
            o.append("\nVerifying ...\nRead progress:\nDownload verified successfully\n");
        }
        out[0] = new Result(0, o.toString(), false);
        Slot written = new Slot(board.uid(), board.device(), board.fault(), board.faultWhen(), sha256(bytes));
        return new ProbeFile(p.sn(), p.usb(), true, p.calls(), written, p.queue(), p.done());
    }

    /**
     * The probe lists. ST-LINK: "-------- Connected ST-LINK Probes List --------", then per probe "ST-Link Probe N :",
     * "ST-LINK SN  : ...", "ST-LINK FW  : ...", "Access Port Number  : N", "Board Name  : ..." (a public
     * STM32_Programmer_CLI v2.17.0 "-l" log; v2.2.0 prints the first three lines only). USB: "Total number of
     * available STM32 device in DFU mode: N", then per device "Device Index           : USB1", "Serial number ...",
     * "Device ID ..." (public v2.2.0 and v2.5.0 "-l usb" logs).
     */
    private String listing(String what) {
        StringBuilder o = new StringBuilder();
        List<ProbeFile> probes = serials().stream().map(this::probe).filter(ProbeFile::present).toList();
        if (what.startsWith("usb")) {
            List<ProbeFile> usb = probes.stream().filter(ProbeFile::usb).toList();
            o.append("=====  DFU Interface   =====\n\n");
            if (usb.isEmpty()) {
                o.append("No STM32 device in DFU mode connected\n");
            } else {
                o.append("Total number of available STM32 device in DFU mode: ").append(usb.size()).append("\n\n");
                for (ProbeFile p : usb) {
                    o.append("  Device Index           : ").append(p.sn().toUpperCase(Locale.ROOT)).append('\n')
                            .append("  USB Bus Number         : 001\n  USB Address Number     : 0")
                            .append(String.format(Locale.ROOT, "%02d", Integer.parseInt(p.sn().substring(3)) + 1))
                            .append("\n  Product ID             : DFU in FS Mode @Device ID /0x495, @Revision ID"
                                    + " /0x2001\n  Serial number          : 2079386A5453\n"
                                    + "  Firmware version       : 0x011a\n  Device ID              : 0x0495\n\n");
                }
            }
            return o.toString();
        }
        List<ProbeFile> st = probes.stream().filter(p -> !p.usb()).toList();
        o.append("===== STLink Interface =====\n");
        if (st.isEmpty()) {
            return o.append("Error: No ST-Link detected!\n").toString();
        }
        o.append("\n-------- Connected ST-LINK Probes List --------\n\n");
        for (int i = 0; i < st.size(); i++) {
            o.append("ST-Link Probe ").append(i).append(" :\n   ST-LINK SN  : ").append(st.get(i).sn())
                    .append("\n   ST-LINK FW  : V2J40M27\n   Access Port Number  : 0\n   Board Name  : NUCLEO-WB55RG\n\n");
        }
        return o.append("-----------------------------------------------\n").toString();
    }

    private static String uidLines(String uid) {
        StringBuilder o = new StringBuilder("\nReading 32-bit memory content\n  Size          : 12 Bytes\n"
                + String.format(Locale.ROOT, "  Address:      : 0x%08X%n%n0x%08X : ", UID_ADDRESS, UID_ADDRESS));
        o.append(uid, 0, 8).append(' ').append(uid, 8, 16).append(' ').append(uid, 16, 24).append("\n\n");
        return o.toString();
    }

    private static boolean uidRead(List<String> args) {
        int r = indexOf(args, "-r32");
        return r >= 0 && r + 1 < args.size() && args.get(r + 1).equalsIgnoreCase(String.format("0x%08X", UID_ADDRESS))
                && args.stream().filter(a -> a.startsWith("-")).count() == 2;
    }

    /** The -c part of a call: the connection alone (the banner). */
    private static List<String> connection(List<String> args) {
        List<String> c = new ArrayList<>();
        int i = indexOf(args, "-c", "--connect");
        if (i < 0) {
            return List.of("-c", "port=swd");
        }
        c.add("-c");
        for (int k = i + 1; k < args.size() && !args.get(k).startsWith("-"); k++) {
            c.add(args.get(k));
        }
        return c;
    }

    private static String serial(String output, String sn) {
        return output.replace("066DFF555185754867073037", sn);
    }

    private static int indexOf(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            for (String n : names) {
                if (args.get(i).equalsIgnoreCase(n)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private Path file(String sn) {
        return dir.resolve("probe-" + sn + ".json");
    }

    private void write(ProbeFile p) throws IOException {
        write(file(p.sn()), p);
    }

    private static void write(Path file, Object value) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".rack", ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void update(String sn, java.util.function.UnaryOperator<ProbeFile> change) {
        Path lock = dir.resolve("probe-" + sn + ".lock");
        synchronized (lockFor(sn)) {
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                ProbeFile p = probe(sn);
                ProbeFile n = change.apply(p);
                if (n != p) {
                    write(n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final Map<String, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private Object lockFor(String sn) {
        return LOCKS.computeIfAbsent(dir.toAbsolutePath() + "/" + sn, k -> new Object());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
