package dev.fuspath.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.image.FirmwareVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a simulated rack holds: probes (ST-LINKs by serial number, or USB DFU ports), each with the boards that will
 * be put on it in turn. Written as {@code N:fus=0.5.3,1.1.0[:stack=none,BLE_Stack_full@1.13.0@0x080CB000]
 * [:flash=1M][:boards=2][:interface=swd|usb]} (values cycle over the probes) or as a JSON document:
 * <pre>{"probes": [{"sn": "...", "interface": "swd", "boards": [{"uid": "...", "flash": "1M", "fus": "1.1.0",
 *   "stack": "BLE_Stack_full@1.13.0@0x080CB000", "fault": "write-error|drop-probe|hang|slow", "faultWhen": "-fwupgrade"}]}]}</pre>
 */
public record RackSpec(List<Probe> probes) {

    public static final int MAX_PROBES = 64;
    public static final int MAX_BOARDS = 10_000;
    private static final Pattern SN = Pattern.compile("[0-9A-Za-z]{1,32}");
    private static final Pattern UID = Pattern.compile("[0-9A-Fa-f]{24}");

    /** A fault a board carries: fires on the first call whose command line contains {@code when}. */
    public enum FaultKind {
        /** FUS reports FUS_IMAGE_WRTERROR */
        WRITE_ERROR,
        /** the probe drops off the USB bus mid-call: the call ends in DEV_USB_COMM_ERR, the probe is gone after */
        DROP_PROBE,
        /** the call hangs (nothing changes) */
        HANG,
        /**
         * the call does its work (the rack's files say so at once), then takes {@link SimulatedRack#SLOW_SECONDS}
         * before it answers, as a FUS upgrade takes its time: a station killed meanwhile finds the work done
         */
        SLOW;

        static FaultKind parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "write-error" -> WRITE_ERROR;
                case "drop-probe" -> DROP_PROBE;
                case "hang" -> HANG;
                case "slow" -> SLOW;
                default -> throw new IllegalArgumentException("unknown fault '" + shown(text)
                        + "': give write-error, drop-probe, hang or slow");
            };
        }
    }

    public record Board(String uid, DeviceState device, FaultKind fault, String faultWhen) {
    }

    /** @param usb true for a USB DFU port (port=usbN, N = 1-based index among the USB probes) */
    public record Probe(String sn, boolean usb, List<Board> boards) {
        public Probe {
            boards = List.copyOf(boards);
        }
    }

    public RackSpec {
        probes = List.copyOf(probes);
    }

    /** The serial number of probe {@code i} (0-based): 24 hex digits, as an ST-LINK/V2-1 reports them. */
    public static String serial(int i) {
        return String.format(Locale.ROOT, "0670FF48555075518712%04X", i + 1);
    }

    /** The 96-bit unique ID of board {@code b} on probe {@code p}: 24 hex digits, distinct per board. */
    public static String uid(int p, int b) {
        return String.format(Locale.ROOT, "00%02X%04X%04X4E4B3350%04X", p & 0xFF, b & 0xFFFF, (p * 31 + b) & 0xFFFF,
                (p << 8 | b) & 0xFFFF);
    }

    /**
     * Reads {@code N:fus=...} or a JSON document (text starting with '{'). Every mistake is an
     * IllegalArgumentException naming what is wrong.
     */
    public static RackSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the rack is empty: give N:fus=VERSION[,VERSION...], e.g."
                    + " 8:fus=0.5.3,1.1.0,1.2.0,2.1.0");
        }
        String t = text.strip();
        if (t.startsWith("{")) {
            try {
                return fromJson(new ObjectMapper().readTree(t));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("the rack file is not JSON: " + shown(e.getOriginalMessage()));
            }
        }
        String[] parts = t.split(":");
        int n;
        try {
            n = Integer.parseInt(parts[0].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shown(parts[0]) + "' is not a number of boards: give"
                    + " N:fus=VERSION[,VERSION...], e.g. 8:fus=0.5.3,1.1.0,1.2.0,2.1.0");
        }
        if (n < 1 || n > MAX_PROBES) {
            throw new IllegalArgumentException("a rack has 1 to " + MAX_PROBES + " probes, not " + n);
        }
        List<String> fus = List.of(DeviceState.FACTORY_FUS.toString());
        List<String> stacks = List.of("none");
        List<String> flash = List.of("1M");
        int boards = 1;
        boolean usb = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("'" + shown(p) + "' is not KEY=VALUES (fus, stack, flash, boards,"
                        + " interface)");
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            List<String> values = List.of(p.substring(eq + 1).split(",")).stream().map(String::strip).toList();
            if (values.isEmpty() || values.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(key + ": an empty value");
            }
            switch (key) {
                case "fus" -> fus = values;
                case "stack" -> stacks = values;
                case "flash" -> flash = values;
                case "boards" -> {
                    try {
                        boards = Integer.parseInt(values.get(0));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("boards=" + shown(values.get(0)) + " is not a number");
                    }
                    if (boards < 1 || boards * n > MAX_BOARDS) {
                        throw new IllegalArgumentException("boards per probe must be 1 or more, and at most "
                                + MAX_BOARDS + " in the rack");
                    }
                }
                case "interface" -> {
                    dev.fuspath.programmer.InterfaceKind kind = dev.fuspath.programmer.InterfaceKind
                            .ofOption(values.get(0)).orElseThrow(() -> new IllegalArgumentException(
                                    "interface must be swd or usb"));
                    usb = kind == dev.fuspath.programmer.InterfaceKind.USB;
                }
                default -> throw new IllegalArgumentException("unknown rack key '" + shown(key) + "': give fus, stack,"
                        + " flash, boards or interface");
            }
        }
        List<Probe> probes = new ArrayList<>();
        int k = 0;
        for (int p = 0; p < n; p++) {
            List<Board> list = new ArrayList<>();
            for (int b = 0; b < boards; b++, k++) {
                list.add(new Board(uid(p, b), state(flash.get(k % flash.size()), fus.get(k % fus.size()),
                        stacks.get(k % stacks.size())), null, null));
            }
            probes.add(new Probe(usb ? "usb" + (p + 1) : serial(p), usb, list));
        }
        return new RackSpec(probes);
    }

    private static RackSpec fromJson(JsonNode doc) {
        if (!doc.isObject() || !doc.path("probes").isArray() || doc.get("probes").isEmpty()) {
            throw new IllegalArgumentException("the rack file must be {\"probes\": [...]} with at least one probe");
        }
        if (doc.get("probes").size() > MAX_PROBES) {
            throw new IllegalArgumentException("a rack has at most " + MAX_PROBES + " probes");
        }
        List<Probe> probes = new ArrayList<>();
        int total = 0;
        int usbIndex = 0;
        for (int p = 0; p < doc.get("probes").size(); p++) {
            JsonNode probe = doc.get("probes").get(p);
            String at = "probes[" + p + "]";
            boolean usb = dev.fuspath.programmer.InterfaceKind.ofOption(probe.path("interface").asText("swd"))
                    .orElse(null) == dev.fuspath.programmer.InterfaceKind.USB;
            String sn = usb ? "usb" + (++usbIndex) : probe.path("sn").asText(serial(p));
            if (!SN.matcher(sn).matches()) {
                throw new IllegalArgumentException(at + ".sn: 1 to 32 letters or digits");
            }
            if (!probe.path("boards").isArray()) {
                throw new IllegalArgumentException(at + ".boards: a list of boards");
            }
            List<Board> boards = new ArrayList<>();
            for (int b = 0; b < probe.get("boards").size(); b++) {
                JsonNode board = probe.get("boards").get(b);
                String bat = at + ".boards[" + b + "]";
                if (++total > MAX_BOARDS) {
                    throw new IllegalArgumentException("a rack holds at most " + MAX_BOARDS + " boards");
                }
                String uid = board.path("uid").asText(uid(p, b));
                if (!UID.matcher(uid).matches()) {
                    throw new IllegalArgumentException(bat + ".uid: 24 hexadecimal digits");
                }
                DeviceState state;
                try {
                    state = state(board.path("flash").asText("1M"), board.path("fus").asText(DeviceState.FACTORY_FUS.toString()),
                            board.path("stack").asText("none"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(bat + ": " + e.getMessage());
                }
                FaultKind fault = board.hasNonNull("fault") ? FaultKind.parse(board.get("fault").asText()) : null;
                String when = board.path("faultWhen").asText("-fwupgrade");
                boards.add(new Board(uid.toUpperCase(Locale.ROOT), state, fault, fault == null ? null : when));
            }
            probes.add(new Probe(sn, usb, boards));
        }
        return new RackSpec(probes);
    }

    static DeviceState state(String flash, String fus, String stack) {
        FirmwareVersion v;
        try {
            v = FirmwareVersion.parse(fus);
        } catch (RuntimeException e) {
            v = null;
        }
        if (v == null) {
            throw new IllegalArgumentException("fus=" + shown(fus) + " is not a version such as 1.2.0");
        }
        String spec = "flash=" + flash + ",fus=" + v + (stack.equalsIgnoreCase("none") ? "" : ",stack=" + stack);
        DeviceState s;
        try {
            s = NamedStates.parse(spec);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("flash=" + shown(flash) + ", stack=" + shown(stack)
                    + ": give flash 1M, 640K, 512K, 256K or 320K and stack none or NAME@VERSION@0xADDRESS");
        }
        // a board arrives running its stack when it has one, else FUS
        return s.hasStack() ? s.toBuilder().stackRunning(true).build() : s;
    }

    static String shown(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
