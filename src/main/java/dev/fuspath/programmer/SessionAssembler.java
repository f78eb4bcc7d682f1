package dev.fuspath.programmer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only stateful part of reading a log: takes each cleaned line with the {@link LineRules.Rule} that matched it and
 * builds the {@link ProgrammerSession} (runs of the tool, the operation under way, the banner, reads, FUS
 * observations, errors). Each {@link LineRules.Attach} is one method here; what a line looks like is in
 * {@code rules/programmer-output.json}, what an error phrase means in {@code rules/programmer-errors.json}.
 *
 * <p>One per parse; not thread-safe.
 */
final class SessionAssembler {

    private static final Pattern ELAPSED = Pattern.compile("(\\d{1,3}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,3}))?\\s*$");
    private static final Pattern FUS_TOKEN = Pattern.compile("(?<![A-Za-z0-9_])(FUS_[A-Za-z0-9_]{2,40})(?![A-Za-z0-9_])");
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{1,16})");
    private static final Pattern PLAIN_WORD = Pattern.compile("\\d+|all|displ", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile("(?i)at address\\s{0,4}(0x[0-9a-f]{1,16})");
    private static final Pattern SECTORS = Pattern.compile("\\[\\s{0,4}(\\d{1,6})\\s{1,4}(\\d{1,6})\\s{0,4}]");
    private static final Pattern OPTION_BYTE = Pattern.compile("([A-Za-z][A-Za-z0-9_]{0,31})\\s{0,16}:\\s{0,8}0x([0-9A-Fa-f]{1,8})\\b");

    /** Banner keys (normalised: lower case, single spaces) and their display names. */
    private static final Map<String, String> BANNER_KEYS = new LinkedHashMap<>();
    /** Banner keys that may open a new connect operation. */
    private static final Set<String> OPENING_KEYS = Set.of("st-link sn", "st-link fw", "usb speed", "voltage", "swd freq",
            "jtag freq", "connect mode", "device id", "manuf. id", "product id");

    static {
        for (String k : List.of("ST-LINK SN", "ST-LINK FW", "Board", "Voltage", "SWD freq", "JTAG freq", "Connect mode",
                "Reset mode", "Device ID", "Revision ID", "Device name", "Flash size", "Device type", "Device CPU",
                "BL Version", "USB speed", "Manuf. ID", "Product ID", "SN", "DFU protocol", "FW version")) {
            BANNER_KEYS.put(k.toLowerCase(Locale.ROOT), k);
        }
    }

    private static final ErrorPhrases PHRASES = ErrorPhrases.bundled();

private static final class OpB {
    final Operation.Kind kind;
    final List<String> args = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();
    final List<FusObservation> states = new ArrayList<>();
    final List<FusObservation> statuses = new ArrayList<>();
    final List<ProgrammerError> errors = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final int firstLine;
    final boolean fromCommandLine;
    String file;
    Long address;
    Operation.Outcome outcome = Operation.Outcome.UNKNOWN;
    Duration elapsed;
    boolean claimed;
    boolean sawOldDelete;
    /** Position in the session's operations: the order they were seen, a delete phase just before its upgrade. */
    double seq;
    /** FWDELETE: the delete phase that opens a firmware upgrade ("Old Firmware delete ..."). */
    boolean upgradeDelete;
    /** FWDELETE of an upgrade: the upgrade it opens when that was already known (a command line), else null. */
    OpB owner;
    boolean expectImageFile;
    /** fwupgrade: the image's "File :" line was seen, so "Size" and erase lines now describe the image. */
    boolean inImage;
    ImageSize size;
    EraseRange erase;
    /** CubeProgrammer's own download of the FUS operator (SWD): part of the operation it serves, not one of its own. */
    boolean helper;

    OpB(Operation.Kind kind, int line, boolean fromCommandLine) {
        this.kind = kind;
        this.firstLine = line;
        this.fromCommandLine = fromCommandLine;
        this.lines.add(line);
    }

    void line(int ln) {
        if (lines.get(lines.size() - 1) != ln) {
            lines.add(ln);
        }
    }

    Operation build() {
        return new Operation(kind, args, file, address, firstLine, lines, states, statuses, errors, notes, outcome,
                elapsed, fromCommandLine, size, erase);
    }
}

private static final class Invocation {
    final EnumMap<Operation.Kind, ArrayDeque<OpB>> pending = new EnumMap<>(Operation.Kind.class);
    final ArrayDeque<OpB> order = new ArrayDeque<>();
    boolean banner;
    int claimed;

    OpB nextPending() {
        while (!order.isEmpty() && order.peekFirst().claimed) {
            order.pollFirst();
        }
        return order.peekFirst();
    }
}

    int lineNo;
    boolean strong;
    String toolVersion;
    InterfaceKind iface = InterfaceKind.UNKNOWN;
    String probeSerial;
    String usbSerial;
    String connectMode;
    String deviceId;
    String deviceName;
    FlashSize flashSize;
    final Map<String, BannerField> banner = new LinkedHashMap<>();
    final List<MemoryRead> reads = new ArrayList<>();
    final List<FusVersion> fusVersions = new ArrayList<>();
    final List<OpB> ops = new ArrayList<>();
    final List<ProgrammerError> errors = new ArrayList<>();
    final List<ProgrammerError> warnings = new ArrayList<>();
    final List<FusObservation> fusObs = new ArrayList<>();
    Invocation inv;
    OpB current;
    /** A delete phase was put before the upgrade it opens: sort the operations by {@code seq} at the end. */
    boolean reordered;
    /** The key file the tool named before writing a user key. */
    String keyFile;
    /** A bare "Error:" line was the last line: its message is on the next one ("Error:" / "Old Firmware delete failed"). */
    boolean errorContinues;
    /** The USB DFU banner said "IAP": an application's own DFU, not ST's ROM bootloader. */
    boolean applicationDfu;
    /** The text of the last line that said an operation is under way ("Deleting firmware ..."), with its line. */
    String lastProgress;
    int lastProgressLine;
    /** Option bytes listed by "-ob displ" (after an "OPTION BYTES BANK" heading), name upper-cased -> value. */
    final Map<String, Long> optionBytes = new LinkedHashMap<>();
    /** An "OPTION BYTES BANK" heading was seen in this run: "NAME : 0xVALUE" lines are option bytes. */
    boolean inOptionBytes;

    // ---- dispatch: one method per LineRules.Attach ------------------------------------------------------------

    /**
     * A bare "Error:" was the line before: this line is its message ("Error:" / "Old Firmware delete failed",
     * st-846738), unless it is an error or warning of its own. True when the line was taken.
     */
    boolean continuation(String s, String lower, int ln) {
        if (!errorContinues) {
            return false;
        }
        errorContinues = false;
        if (lower.startsWith("error") || lower.startsWith("warning")) {
            return false;
        }
        onProblem(s, ln, false);
        return true;
    }

    /**
     * Attaches a line to the session as its rule says.
     *
     * @param s     the cleaned line
     * @param lower the same, ASCII lower-cased (same length)
     * @param m     the rule's regex matched at the line's start (lookingAt done), null for a key rule
     * @param key   its "Key : value" key, or null when not known
     * @return false when the rule's attach declines the line (the next rule may take it)
     */
    boolean accept(LineRules.Rule rule, Matcher m, String s, String lower, String key, int ln) {
        boolean taken = switch (rule.attach()) {
            case COMMAND_LINE -> commandLine(s, lower, ln);
            case TOOL_VERSION -> m != null && m.groupCount() >= 1 && m.group(1) != null && onBanner(m.group(1));
            case ERROR_LINE -> {
                String msg = lower.startsWith("error:") ? s.substring(s.indexOf(':') + 1).trim() : s;
                if (msg.isEmpty()) {
                    errorContinues = true; // st-846738: "Error:" then "Old Firmware delete failed"
                } else {
                    onProblem(msg, ln, false);
                }
                yield true;
            }
            case WARNING_LINE -> {
                // a warning that says the operation did not happen is its failure: "Warning: Firmware upgrade
                // Error!", "Warning: Could not start FUS services since FUS is not in IDLE state" (held-out st-160443)
                onProblem(s.substring(s.indexOf(':') + 1).trim(), ln, !lower.contains("upgrade error")
                        && !lower.contains("fus is not in idle"));
                yield true;
            }
            case PROBLEM -> {
                onProblem(s, ln, false);
                yield true;
            }
            case APPLICATION_DFU -> {
                if (iface != InterfaceKind.USB) {
                    yield false;
                }
                applicationDfu = true; // st-57562: "FW version : 0x011a" then "IAP", no Device ID
                if (current != null) {
                    current.line(ln);
                    current.notes.add("application DFU (IAP), not ST's ROM bootloader");
                }
                yield true;
            }
            case FUS_STATE, FUS_STATUS -> {
                String rest = m != null ? s.substring(m.end()).trim() : "";
                int e = 0;
                while (e < rest.length() && (Character.isLetterOrDigit(rest.charAt(e)) || rest.charAt(e) == '_')) {
                    e++;
                }
                if (e > 0) {
                    onFus(rule.attach() == LineRules.Attach.FUS_STATE, rest.substring(0, e), ln);
                }
                yield true;
            }
            case BARE_FUS_CODE -> {
                FusCodes.lookup(s).ifPresent(c -> onFus(c.kind() == FusCodes.Kind.STATE, s, ln));
                yield true;
            }
            case MEMORY_ROW -> {
                if (m == null || m.groupCount() < 2) {
                    yield false;
                }
                onData(m.group(1), m.group(2), ln);
                yield true;
            }
            case BANNER_FIELD -> {
                String k = key != null ? key : LineRules.keyOf(s);
                if (k == null) {
                    yield false;
                }
                onBannerKey(k, LineRules.valueOf(s), ln);
                yield true;
            }
            case OPERATION_FIELD -> {
                onOpKey(key != null ? key : LineRules.keyOf(s), LineRules.valueOf(s), ln);
                yield true;
            }
            case KEY_FILE -> {
                keyFile = LineRules.valueOf(s); // gh-flipper-factory-3: "Key File path : assets/cks/key_master.bin"
                yield true;
            }
            case REPORTED_FUS_VERSION -> {
                onReportedFus(LineRules.valueOf(s), ln);
                yield true;
            }
            case OPTION_BYTES_LISTING -> {
                inOptionBytes = true;
                if (current != null) {
                    current.line(ln);
                }
                yield true;
            }
            case OPTION_BYTE_VALUE -> {
                Matcher ob = OPTION_BYTE.matcher(s);
                if (!inOptionBytes || !ob.lookingAt()) {
                    yield false;
                }
                optionBytes.put(ob.group(1).toUpperCase(Locale.ROOT), Long.parseLong(ob.group(2), 16));
                if (current != null) {
                    current.line(ln);
                }
                yield true;
            }
            case PROBE_ACCESS -> {
                if (iface == InterfaceKind.UNKNOWN) {
                    iface = InterfaceKind.SWD; // verbose ST-LINK access lines, st-33955 and st-125135
                }
                yield true;
            }
            case WRITE_KEY -> {
                OpB op = claim(Operation.Kind.OTHER, ln); // gh-flipper-factory-3
                op.notes.add("write user key");
                op.file = keyFile;
                yield true;
            }
            case OPENS -> {
                apply(claim(rule.kind(), ln), rule, lower);
                yield true;
            }
            case OPENS_UNLESS_CURRENT -> {
                OpB op = claimUnlessCurrent(rule.kind(), ln);
                op.line(ln);
                apply(op, rule, lower);
                yield true;
            }
            case CURRENT -> {
                if (current != null) {
                    current.line(ln);
                }
                yield true;
            }
            case CURRENT_OF_KIND -> {
                if (current != null && current.kind == rule.kind()) {
                    current.line(ln);
                    if (rule.outcome() != null) {
                        current.outcome = rule.outcome();
                    }
                }
                yield true;
            }
            case ERASE_SECTORS -> {
                onErase(s, ln);
                yield true;
            }
            case UPGRADE_DELETE -> {
                onUpgradeDelete(ln);
                yield true;
            }
            case IMAGE_DOWNLOAD -> {
                OpB op = inFwUpgrade() ? current : upgradeAfterDelete(ln);
                op.line(ln);
                op.expectImageFile = true;
                Matcher a = ADDRESS_IN_TEXT.matcher(s);
                if (op.address == null && a.find()) {
                    op.address = ProgrammerOutputParser.parseHex(a.group(1));
                }
                yield true;
            }
            case UPGRADE_PROGRESS -> {
                (inFwUpgrade() ? current : upgradeAfterDelete(ln)).line(ln);
                yield true;
            }
            case UPGRADE_SUCCESS -> {
                OpB op = current != null && current.kind == Operation.Kind.FWUPGRADE ? current
                        : claim(Operation.Kind.FWUPGRADE, ln);
                op.line(ln);
                op.outcome = Operation.Outcome.SUCCEEDED;
                yield true;
            }
            case DELETE_PROGRESS -> {
                (inFwUpgrade() ? current : claimUnlessCurrent(Operation.Kind.FWDELETE, ln)).line(ln);
                yield true;
            }
            case DELETE_SUCCESS -> {
                if (inFwUpgrade()) {
                    current.line(ln);
                } else {
                    OpB op = claimUnlessCurrent(Operation.Kind.FWDELETE, ln);
                    op.line(ln);
                    op.outcome = Operation.Outcome.SUCCEEDED;
                }
                yield true;
            }
            case OPTION_BYTES_START -> {
                // a connection only reads them: programming them is an -ob of its own, command line or not
                boolean programming = lower.contains("programming option bytes");
                if (inFwUpgrade() || (connecting() && !programming && !pending(Operation.Kind.OPTIONBYTES))) {
                    current.line(ln); // the GUI reads the option bytes when it connects (st-90380)
                } else {
                    claimUnlessCurrent(Operation.Kind.OPTIONBYTES, ln).line(ln);
                }
                yield true;
            }
            case OPTION_BYTES_SUCCESS -> {
                if (current != null) {
                    current.line(ln);
                    if (current.kind == Operation.Kind.OPTIONBYTES) {
                        current.outcome = Operation.Outcome.SUCCEEDED;
                    }
                }
                yield true;
            }
            case MEMORY_PROGRAMMING -> {
                if (inFwUpgrade() || inUpgradeDelete()) {
                    current.line(ln);
                } else {
                    claim(Operation.Kind.OTHER, ln);
                }
                yield true;
            }
            case FUS_OPERATOR -> {
                onOperator(lower, ln);
                yield true;
            }
            case DOWNLOAD_COMPLETE -> {
                if (current != null) {
                    current.line(ln);
                    if (current.kind == Operation.Kind.OTHER && current.outcome != Operation.Outcome.FAILED) {
                        current.outcome = Operation.Outcome.SUCCEEDED; // not after "erasing sector ... failed" (insided-43503)
                    }
                }
                yield true;
            }
            case UPLOAD -> {
                if (connecting() && !pending(Operation.Kind.READ)) {
                    current.line(ln); // the GUI reads the start of the flash when it connects (st-90380)
                } else {
                    claimUnlessCurrent(Operation.Kind.READ, ln).line(ln);
                }
                yield true;
            }
            case ELAPSED -> {
                Matcher e = ELAPSED.matcher(s);
                if (e.find() && current != null) {
                    String ms = e.group(4) == null ? "0" : (e.group(4) + "00").substring(0, 3);
                    Duration d = Duration.ofHours(Long.parseLong(e.group(1)))
                            .plusMinutes(Long.parseLong(e.group(2)))
                            .plusSeconds(Long.parseLong(e.group(3)))
                            .plusMillis(Long.parseLong(ms));
                    current.elapsed = current.elapsed == null ? d : current.elapsed.plus(d);
                    current.line(ln);
                }
                yield true;
            }
            case UART_OPENED -> {
                iface = InterfaceKind.UART;
                claimUnlessCurrent(Operation.Kind.CONNECT, ln).line(ln);
                yield true;
            }
        };
        if (taken) {
            if (rule.proves()) {
                strong = true;
            }
            if (rule.progress()) {
                lastProgress = s;
                lastProgressLine = ln;
            }
        }
        return taken;
    }

    /** The row's outcome, its successIf words and its note, on the operation the line opened or continued. */
    private static void apply(OpB op, LineRules.Rule rule, String lower) {
        if (rule.outcome() != null) {
            op.outcome = rule.outcome();
        }
        for (String word : rule.successIf()) {
            if (lower.contains(word)) {
                op.outcome = Operation.Outcome.SUCCEEDED;
                break;
            }
        }
        if (rule.note() != null) {
            op.notes.add(rule.note());
        }
    }


    ProgrammerSession result() {
        if (!strong) {
            return ProgrammerSession.unrecognized(lineNo);
        }
        if (reordered) {
            ops.sort(Comparator.comparingDouble(o -> o.seq));
        }
        OpB last = null; // the operation the log says something of last
        for (OpB o : ops) {
            if (last == null || o.lines.get(o.lines.size() - 1) >= last.lines.get(last.lines.size() - 1)) {
                last = o;
            }
        }
        if (last != null && last.outcome == Operation.Outcome.UNKNOWN && lastProgress != null
                && lastProgressLine == last.lines.get(last.lines.size() - 1)) {
            last.notes.add(ProgrammerOutputParser.NEVER_ENDED + ": the log stops at \"" + lastProgress + "\"");
        }
        for (OpB o : ops) {
            FusObservation status = o.statuses.isEmpty() ? null : o.statuses.get(o.statuses.size() - 1);
            // ends on FUS not running (gh-flipper-factory-3); not an install or a stack start, which end that way
            // when the stack runs (gh-mbed-os: FUS_ERROR / FUS_NOT_RUNNING, then "Firmware Upgrade Success")
            if (o.outcome == Operation.Outcome.UNKNOWN && status != null && o.kind != Operation.Kind.FWUPGRADE
                    && o.kind != Operation.Kind.STARTWIRELESSSTACK
                    && (status.name().equals("FUS_STATE_NOT_RUNNING") || status.name().equals("FUS_ERR_UNKNOWN"))) {
                o.outcome = Operation.Outcome.FAILED;
            }
        }
        List<Operation> built = new ArrayList<>(ops.size());
        for (OpB o : ops) {
            if (!(o.helper && o.outcome != Operation.Outcome.FAILED)) {
                built.add(o.build());
            }
        }
        return new ProgrammerSession(true, lineNo, toolVersion, iface, probeSerial, usbSerial, connectMode, deviceId,
                deviceName, flashSize, banner, reads, fusVersions, built, errors, warnings, fusObs, applicationDfu,
                optionBytes);
    }

    /** ASCII-only lower case: output is ASCII-keyed, and this avoids Unicode case mapping on binary junk. */
    static String asciiLower(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !(s.charAt(i) >= 'A' && s.charAt(i) <= 'Z')) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] a = s.toCharArray();
        for (; i < n; i++) {
            if (a[i] >= 'A' && a[i] <= 'Z') {
                a[i] = (char) (a[i] + 32);
            }
        }
        return new String(a);
    }

    /**
     * "Old Firmware delete ..." opens the delete phase of a firmware upgrade: a FWDELETE of its own, before the
     * upgrade (which may fail or never start: "Old Firmware delete failed", st-846738). When a command line named
     * the upgrade, the delete goes before it; in a GUI log the upgrade is claimed when its image download starts.
     */
    private void onUpgradeDelete(int ln) {
        OpB owner = inFwUpgrade() && !current.sawOldDelete ? current : null;
        if (owner == null && pending(Operation.Kind.FWUPGRADE)) {
            owner = claim(Operation.Kind.FWUPGRADE, ln); // the command line's upgrade, which opens with it
        }
        OpB del = new OpB(Operation.Kind.FWDELETE, ln, false);
        del.upgradeDelete = true;
        del.owner = owner;
        del.claimed = true;
        if (owner != null) {
            owner.sawOldDelete = true;
            del.seq = owner.seq - 0.5;
            reordered = true;
        } else {
            del.seq = ops.size();
        }
        ops.add(del);
        current = del;
    }

    private boolean inUpgradeDelete() {
        return current != null && current.upgradeDelete;
    }

    /** The upgrade an image download belongs to: the one the delete before it opened, else a new one. */
    private OpB upgradeAfterDelete(int ln) {
        if (inUpgradeDelete() && current.owner != null) {
            OpB owner = current.owner;
            current = owner;
            owner.line(ln);
            return owner;
        }
        OpB op = claim(Operation.Kind.FWUPGRADE, ln);
        op.sawOldDelete = true;
        return op;
    }

    /** The connection is the operation under way (its banner was the last thing seen). */
    private boolean connecting() {
        return current != null && current.kind == Operation.Kind.CONNECT;
    }

    /** The pending command-line operation an error message names ("fwupgrade command is not supported..."). */
    /** The operation a failure code can only come from, or null: for fragments that show nothing else. */
    private static Operation.Kind kindNamedBy(String code) {
        return switch (code) {
            case "UPGRADE_FAILED", "FUS_IMG_NOT_AUTHENTIC", "FUS_UNSUPPORTED_ON_THIS_FLASH" -> Operation.Kind.FWUPGRADE;
            case "DOWNLOAD_FAILED" -> Operation.Kind.OTHER;
            default -> null;
        };
    }

    private OpB namedPending(String msg) {
        OpB next = inv == null ? null : inv.nextPending();
        if (next == null || next.kind == Operation.Kind.CONNECT && inv.order.size() < 2) {
            return null;
        }
        String l = asciiLower(msg);
        for (OpB o : inv.order) {
            String k = o.kind.name().toLowerCase(Locale.ROOT);
            // "fwupgrade command is not supported for such device" (st-57562); "Could not execute fwupgrade
            // command, Impossible to install FUS V1.0.1 on 256/512KB Flash Parts" (held-out st-184451)
            if (!o.claimed && o.kind != Operation.Kind.CONNECT && o.kind != Operation.Kind.OTHER
                    && (l.startsWith(k) || l.contains(" " + k + " command"))) {
                return o;
            }
        }
        return null;
    }

    private boolean pending(Operation.Kind kind) {
        ArrayDeque<OpB> q = inv == null ? null : inv.pending.get(kind);
        return q != null && !q.isEmpty();
    }

    /** Lines that say an operation is under way and that a log may end on when the connection drops. */
    private static boolean progress(String lower) {
        return lower.startsWith("deleting firmware") || lower.startsWith("updating firmware")
                || lower.startsWith("waiting for firmware upgrade end") || lower.startsWith("download in progress")
                || lower.startsWith("firmware upgrade process") || lower.startsWith("application is running");
    }

    /**
     * "Opening and parsing file: 0x495_FUS_Operator.bin": CubeProgrammer loads its FUS operator through ST-LINK
     * (st-152330 shows it under an SWD banner; the USB path asks the ROM bootloader instead, st-ElepU), and the
     * file is named after the device ID (0x494 on STM32WB1x, st-89405).
     */
    private void onOperator(String lower, int ln) {
        strong = true;
        if (iface == InterfaceKind.UNKNOWN) {
            iface = InterfaceKind.SWD;
        }
        int i = lower.indexOf("0x");
        if (deviceId == null && i >= 0 && i + 5 <= lower.length() && lower.startsWith("_fus_operator", i + 5)) {
            deviceId = "0x" + lower.substring(i + 2, i + 5);
        }
        if (current != null) {
            current.line(ln);
            if (current.kind == Operation.Kind.OTHER && !current.fromCommandLine) {
                current.helper = true;
            }
        }
    }

    private boolean inFwUpgrade() {
        return current != null && current.kind == Operation.Kind.FWUPGRADE
                && current.outcome == Operation.Outcome.UNKNOWN;
    }

    // ---- operations ---------------------------------------------------------------------------------------

    private OpB claim(Operation.Kind kind, int ln) {
        OpB op = null;
        if (inv != null) {
            ArrayDeque<OpB> q = inv.pending.get(kind);
            op = q == null ? null : q.pollFirst();
        }
        if (op == null) {
            op = new OpB(kind, ln, false);
            op.seq = ops.size();
            ops.add(op);
        } else {
            op.line(ln);
        }
        op.claimed = true;
        if (inv != null) {
            inv.claimed++;
        }
        current = op;
        return op;
    }

    private OpB claimUnlessCurrent(Operation.Kind kind, int ln) {
        if (current != null && current.kind == kind && current.outcome == Operation.Outcome.UNKNOWN) {
            return current;
        }
        return claim(kind, ln);
    }

    private static boolean fusKind(Operation.Kind k) {
        return k == Operation.Kind.FWUPGRADE || k == Operation.Kind.FWDELETE || k == Operation.Kind.STARTFUS
                || k == Operation.Kind.STARTWIRELESSSTACK || k == Operation.Kind.ANTIROLLBACK;
    }

    private boolean onBanner(String version) {
        strong = true;
        toolVersion = version;
        if (inv == null || inv.banner) {
            inv = new Invocation();
            current = null;
        }
        inv.banner = true;
        return true;
    }

    private void onBannerKey(String key, String value, int ln) {
        boolean connectCurrent = current != null && current.kind == Operation.Kind.CONNECT;
        if (!connectCurrent) {
            if (!OPENING_KEYS.contains(key)) {
                return; // "Board", "SN", "Size"-like keys outside a banner mean nothing
            }
            claim(Operation.Kind.CONNECT, ln);
        }
        current.line(ln);
        String display = BANNER_KEYS.getOrDefault(key, key);
        banner.put(display, new BannerField(display, value, ln));
        switch (key) {
            case "st-link sn" -> {
                probeSerial = value;
                strong = true;
                if (iface == InterfaceKind.UNKNOWN || iface == InterfaceKind.USB) {
                    iface = InterfaceKind.SWD;
                }
            }
            case "swd freq" -> {
                iface = InterfaceKind.SWD;
                strong = true;
            }
            case "jtag freq" -> {
                iface = InterfaceKind.JTAG;
                strong = true;
            }
            case "usb speed", "dfu protocol" -> {
                iface = InterfaceKind.USB;
                strong = true;
            }
            case "sn" -> usbSerial = value;
            case "connect mode" -> {
                connectMode = value;
                strong = true;
            }
            case "device id" -> {
                Matcher m = HEX.matcher(value);
                if (m.lookingAt()) {
                    deviceId = "0x" + Long.toHexString(Long.parseUnsignedLong(m.group(1), 16));
                    strong = true;
                    if (current.outcome == Operation.Outcome.UNKNOWN) {
                        current.outcome = Operation.Outcome.SUCCEEDED;
                    }
                }
            }
            case "device name" -> {
                deviceName = value;
                if (current.outcome == Operation.Outcome.UNKNOWN) {
                    current.outcome = Operation.Outcome.SUCCEEDED;
                }
            }
            case "flash size" -> flashSize = ProgrammerOutputParser.parseFlash(value);
            default -> {
            }
        }
    }

    private void onOpKey(String key, String value, int ln) {
        OpB op = current;
        if (op == null) {
            return;
        }
        op.line(ln);
        if (key.equals("file") && asciiLower(value).contains("_fus_operator")) {
            if (op.kind == Operation.Kind.OTHER && !op.fromCommandLine) {
                op.helper = true; // the GUI prints "Opening and parsing file" before "Memory Programming" (st-863664)
            }
        } else if (key.equals("file")) {
            if (op.kind == Operation.Kind.FWUPGRADE) {
                if (op.expectImageFile) {
                    if (op.file == null) {
                        op.file = value;
                    }
                    op.expectImageFile = false;
                    op.inImage = true;
                }
            } else if (op.file == null || op.kind == Operation.Kind.OTHER) {
                op.file = value;
            }
        } else if (key.equals("size")) {
            if (op.size == null && (op.inImage || op.kind == Operation.Kind.OTHER)) {
                op.size = ProgrammerOutputParser.parseSize(value);
            }
        } else if (key.equals("address") && op.kind != Operation.Kind.FWUPGRADE && op.address == null) {
            Matcher m = HEX.matcher(value);
            if (m.lookingAt()) {
                op.address = ProgrammerOutputParser.parseHex(m.group());
            }
        }
    }

    private void onErase(String s, int ln) {
        OpB op = current;
        if (op == null) {
            return;
        }
        op.line(ln);
        Matcher m = SECTORS.matcher(s);
        if (op.erase == null && (op.inImage || op.kind == Operation.Kind.OTHER) && m.find()) {
            op.erase = new EraseRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), ln);
        }
    }

    /** "Current FUS Version : 0x00050300" (STM32CubeProgrammer prints it before a FUS upgrade over USB). */
    private void onReportedFus(String value, int ln) {
        Matcher m = HEX.matcher(value);
        if (!m.lookingAt() || m.group(1).length() != 8) {
            return;
        }
        strong = true;
        fusVersions.add(FusVersion.decode(Long.parseLong(m.group(1), 16), ProgrammerOutputParser.REPORTED_BY_TOOL, ln));
        if (current != null) {
            current.line(ln);
        }
    }

    private void onData(String addrHex, String wordsText, int ln) {
        long address = Long.parseUnsignedLong(addrHex, 16);
        String[] parts = wordsText.trim().split("[ \\t]+");
        List<Long> words = new ArrayList<>(parts.length);
        for (String p : parts) {
            words.add(Long.parseUnsignedLong(p, 16));
        }
        OpB op = current != null && current.kind == Operation.Kind.READ ? current : claim(Operation.Kind.READ, ln);
        op.line(ln);
        if (op.address == null) {
            op.address = address;
        }
        op.outcome = Operation.Outcome.SUCCEEDED;
        reads.add(new MemoryRead(address, words, ln));
        for (int i = 0; i < words.size(); i++) {
            long a = address + 4L * i;
            if ((a == ProgrammerOutputParser.FUS_INFO_ADDRESS_USB || a == ProgrammerOutputParser.FUS_INFO_ADDRESS_SWD) && !applicationDfu) {
                if (FusVersion.plausible(words.get(i))) {
                    fusVersions.add(FusVersion.decode(words.get(i), a, ln));
                } else {
                    op.notes.add(String.format(Locale.ROOT, "the word %08X at 0x%08X is no FUS version", words.get(i), a));
                }
                strong = true;
            }
        }
    }

    private void onFus(boolean state, String token, int ln) {
        strong = true;
        FusObservation o = new FusObservation(FusCodes.canonical(token), token, ln);
        fusObs.add(o);
        OpB op = current;
        if (op == null || op.kind == Operation.Kind.CONNECT || op.outcome != Operation.Outcome.UNKNOWN) {
            OpB next = inv == null ? null : inv.nextPending();
            if (next != null && fusKind(next.kind)) {
                op = claim(next.kind, ln);
            }
        }
        if (op == null) {
            return;
        }
        op.line(ln);
        (state ? op.states : op.statuses).add(o);
    }

    private void onProblem(String msg, int ln, boolean warning) {
        String code = PHRASES.classify(msg, warning);
        ProgrammerError e = new ProgrammerError(code, msg, ln);
        if (PHRASES.proves(code)) {
            strong = true;
        }
        if (warning) {
            warnings.add(e);
            if (current != null) {
                current.line(ln);
                Matcher m = FUS_TOKEN.matcher(msg);
                if (m.find() && FusCodes.lookup(m.group(1)).isPresent()) {
                    FusObservation o = new FusObservation(FusCodes.canonical(m.group(1)), m.group(1), ln);
                    current.statuses.add(o);
                    fusObs.add(o);
                }
                String l = msg.toLowerCase(Locale.ROOT);
                if (l.contains("flash already empty")) {
                    current.notes.add("Flash already empty");
                }
                if (current.kind == Operation.Kind.OPTIONBYTES && l.contains("option bytes are unchanged")) {
                    current.outcome = Operation.Outcome.SUCCEEDED;
                }
            }
            return;
        }
        errors.add(e);
        OpB op = current;
        OpB named = namedPending(msg);
        if (named != null && (op == null || op.kind == Operation.Kind.CONNECT)) {
            op = claim(named.kind, ln); // "Error: fwupgrade command is not supported for such device" (st-57562)
        } else if (code.equals("START_FUS_FAILED") && (op == null || op.kind != Operation.Kind.STARTFUS)) {
            op = claimUnlessCurrent(Operation.Kind.STARTFUS, ln); // GUI "Start FUS failed !" (st-228021)
        } else if (code.equals("OLD_FIRMWARE_DELETE_FAILED") && !inUpgradeDelete()) {
            onUpgradeDelete(ln); // st-846738: only the failure line of the delete phase is in the log
            op = current;
        } else if (code.equals("FUS_NOT_IDLE") && (op == null || !fusKind(op.kind) && !pending(op.kind))) {
            // "Could not start service since FUS is not in IDLE state": a FUS service the log does not name
            // (insided-43503, after a read)
            op = claim(Operation.Kind.OTHER, ln);
            op.notes.add("a FUS service");
        } else if (op == null || op.outcome == Operation.Outcome.SUCCEEDED) {
            OpB next = inv == null ? null : inv.nextPending();
            if (next != null) {
                op = claim(next.kind, ln);
            } else if (op == null && (PHRASES.connection(code) || (inv != null && inv.claimed == 0))) {
                op = claim(Operation.Kind.CONNECT, ln);
            } else if (op == null && inv == null && kindNamedBy(code) != null) {
                // a fragment with no command line and no start line of its operation, only its failure: the error
                // names the operation ("Warning: Firmware upgrade Error!", "Error: Firmware not authentic!",
                // "Error: failed to download the File"; held-out qa-150494 and st-615168)
                op = claim(kindNamedBy(code), ln);
            } else if (op != null && fusKind(op.kind) && (PHRASES.connection(code) || code.equals("CONNECTION_LOST"))) {
                // FUS resets the part after a FUS operation: a connection error then is the next connection's,
                // not the finished operation's (st-90380: "Firmware delete finished", then "ST-LINK error
                // (DEV_CONNECT_ERR)" as the GUI reconnects over USB)
                op = claim(Operation.Kind.CONNECT, ln);
            }
        }
        if (op != null) {
            op.line(ln);
            op.errors.add(e);
            op.outcome = Operation.Outcome.FAILED;
        }
    }

    // ---- command lines ------------------------------------------------------------------------------------

    private boolean commandLine(String s, String lower, int ln) {
        int idx = lower.indexOf("stm32_programmer");
        int end = idx;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '"'
                && s.charAt(end) != '\'') {
            end++;
        }
        if (end < s.length() && (s.charAt(end) == '"' || s.charAt(end) == '\'')) {
            end++;
        }
        // the command line through the one argument grammar (ProgrammerCommand), leniently: what it cannot read
        // becomes a note on the line's first operation, never a failure
        ProgrammerCommand.LoggedLine line = ProgrammerCommand.readLeniently(tokenize(s.substring(end)));
        Invocation next = new Invocation();
        List<OpB> created = new ArrayList<>();
        for (ProgrammerCommand.Logged c : line.commands()) {
            if (c.command() instanceof ProgrammerCommand.ListProbes) {
                continue; // lists probes: no operation on a device
            }
            OpB op = new OpB(c.kind(), ln, true);
            if (c.kind() == Operation.Kind.CONNECT) {
                c.operands().stream().filter(a -> a.indexOf('=') > 0).forEach(op.args::add);
                String port = c.setting("port");
                String mode = c.setting("mode");
                if (port != null) {
                    iface = portKind(port.toLowerCase(Locale.ROOT));
                }
                if (mode != null && connectMode == null) {
                    connectMode = modeName(mode.toLowerCase(Locale.ROOT));
                }
            } else {
                if (c.kind() == Operation.Kind.OTHER) {
                    op.args.add(c.option());
                }
                op.args.addAll(c.operands());
            }
            if (c.command() instanceof ProgrammerCommand.FwUpgrade f) {
                op.file = f.file();
                op.address = f.addressValue();
            } else if (c.command() instanceof ProgrammerCommand.Read32 r) {
                op.address = r.addressValue();
            } else {
                fillFileAndAddress(op);
            }
            created.add(op);
        }
        if (!created.isEmpty()) {
            line.notes().forEach(n -> created.get(0).notes.add("command line: " + n));
        }
        if (created.isEmpty()) {
            return false;
        }
        strong = true;
        inv = next;
        current = null;
        for (OpB op : created) {
            op.seq = ops.size();
            ops.add(op);
            next.pending.computeIfAbsent(op.kind, k -> new ArrayDeque<>()).addLast(op);
            next.order.addLast(op);
        }
        return true;
    }

    private static void fillFileAndAddress(OpB op) {
        for (String a : op.args) {
            if (a.startsWith("-")) {
                continue;
            }
            Matcher m = HEX.matcher(a);
            if (m.matches()) {
                if (op.address == null) {
                    op.address = ProgrammerOutputParser.parseHex(a);
                }
            } else if (!a.contains("=") && op.file == null && op.kind != Operation.Kind.READ
                    && op.kind != Operation.Kind.OPTIONBYTES && !PLAIN_WORD.matcher(a).matches()) {
                op.file = a;
            }
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder t = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < s.length() && out.size() < 256; i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    t.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || t.length() > 0) {
                    out.add(t.toString());
                    t.setLength(0);
                    any = false;
                }
            } else {
                t.append(c);
            }
        }
        if (any || t.length() > 0) {
            out.add(t.toString());
        }
        return out;
    }

    private static InterfaceKind portKind(String port) {
        if (port.equals("swd")) {
            return InterfaceKind.SWD;
        }
        if (port.equals("jtag")) {
            return InterfaceKind.JTAG;
        }
        if (port.startsWith("usb")) {
            return InterfaceKind.USB;
        }
        if (port.startsWith("com") || port.startsWith("/dev/tty") || port.startsWith("uart")) {
            return InterfaceKind.UART;
        }
        return InterfaceKind.UNKNOWN;
    }

    private static String modeName(String mode) {
        return switch (mode) {
            case "ur" -> "Under Reset";
            case "hotplug" -> "Hot Plug";
            case "normal" -> "Normal";
            case "powerdown" -> "Power Down";
            default -> mode;
        };
    }
}
