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
 * Parses STM32_Programmer_CLI (STM32CubeProgrammer command line) output, or a whole pasted CubeProgrammer log
 * (GUI logs with "HH:MM:SS : " prefixes included), into a {@link ProgrammerSession}.
 *
 * <p>Never throws, and runs in time linear in the input: the text is read once, line by line; each line is cut to
 * {@value #MAX_LINE} characters before any matching, and every pattern is anchored or bounded. Handles \n, \r\n and
 * lone \r line ends, ANSI colour codes, other control characters, "&gt; " quote marks, en-dashes typed for "-",
 * and "STM32_Programmer_CLI", "STM32_Programmer_CLI.exe" or "STM32_Programmer.sh" command lines.
 *
 * <p>Grammar based on real output shown in these public sources (ST community threads and GitHub issues):
 * <ul>
 * <li>https://community.st.com/t5/stm32-mcus-wireless/error-fus-state-img-not-found/td-p/689083 (GUI log of
 *     fwupgrade: "Old Firmware delete ...", FUS_Operator download, "Warning: FUS_STATE_IMG_NOT_FOUND, Flash already
 *     empty !", "Firmware delete Success", "Download Stack/FUS image at address ...", "Time elapsed during ...")</li>
 * <li>https://community.st.com/t5/stm32-mcus-wireless/error-fus-state-img-not-found/td-p/721392
 *     ("Firmware Upgrade process started ...", "Reconnecting...")</li>
 * <li>https://community.st.com/t5/stm32-mcus-wireless/p-nucleo-wb55-fus-error-image-not-found/m-p/278243 (USB DFU
 *     banner, "FUS state is ...", "FUS status is FUS_IMAGE_NOT_FOUND", "Deleting firmware ...")</li>
 * <li>https://community.st.com/t5/stm32-mcus-wireless/how-to-update-stm32wb55ce-fus-and-wireless-stack/td-p/184451/page/3
 *     (ST-LINK SWD banner, "Reading 32-bit memory content", "0x20010010 : 01010100", "Impossible to install FUS")</li>
 * <li>https://stmicroelectronics-en-community.insided.com/stm32-mcus-wireless-35/stm32wb55-fus-update-issue-46736
 *     ("0x20030030 : 00050300" = FUS 0.5.3, "FUS status is FUS_IMAGE_NOT_AUTHENTIC", "Error: Firmware not authentic!",
 *     "Firmware Upgrade Success")</li>
 * <li>https://stmicroelectronics-en-community.insided.com/stm32-mcus-wireless-35/stm32wbxx-fus-seems-to-be-deleted-43503
 *     ("FUS state is FUS_ERROR", "FUS status is FUS_NOT_RUNNING", "Could not start service since FUS is not in IDLE
 *     state")</li>
 * <li>https://community.st.com/t5/stm32-mcus-wireless/why-after-fwdelete-stm32wb55-i-got-gt-0x20030030-00000000/m-p/91355
 *     (0x20030030 reads 0 over SWD)</li>
 * <li>https://community.st.com/t5/stm32-mcus-wireless/unable-to-upgrade-stm32wb-via-usb-bootloader/m-p/605983
 *     ("ST-LINK error (DEV_CONNECT_ERR)", "Error: Write failed at address", GUI timestamps)</li>
 * <li>https://github.com/osresearch/airbreak/issues/59 and https://github.com/WeActStudio/WeActStudio.STM32H5_64Pin_CoreBoard/issues/3
 *     ("Error: No STM32 target found!", "Error: Unable to get core ID")</li>
 * <li>https://github.com/stm32duino/Arduino_Core_STM32/issues/2466 ("Error: No debug probe detected.")</li>
 * <li>https://github.com/STMicroelectronics/STM32CubeWB/issues/6 and /issues/41 (download errors)</li>
 * <li>https://github.com/FOME-Tech/fome-fw/issues/322 (CLI command line, DFU banner "Flash size : 1 MBytes (default)")</li>
 * <li>https://github.com/shilapi/Flipper-factory-flashing-tool/issues/3 (FUS_ERROR / FUS_NOT_RUNNING over USB)</li>
 * <li>https://community.st.com/t5/stm32cubeprogrammer-mcus/stm32-programmer-cli-not-working-over-usb-under-ubuntu/td-p/844573
 *     ("Device ID : unknown", read failure)</li>
 * <li>FUS codes: ST AN5185 as mirrored in public code (FUS_GET_STATE state ranges and error bytes 0x00-0x0A, 0x11, 0xFE,
 *     0xFF), see {@link FusCodes}.</li>
 * </ul>
 * Not verified against real output (matched loosely, by keywords): the success lines of -startwirelessstack and
 * -antirollback, UART connection lines, and "no DFU device" errors.
 *
 * <p>Issue 11 holds this parser to the real logs of src/test/resources/logs/real (RealLogCorpusTest; the corpus
 * README lists the shapes no public log shows, which stay assumed). Lines are first cleaned by {@link LineCleaner}
 * (forum quoting and bold, GUI timestamps with or without milliseconds). Shapes added from that corpus: decimal-comma
 * sizes (gh-jkorte), option-byte verification errors with or without "Error:" (st-285479, st-33955), a bare "Error:"
 * whose message is on the next line and "Old Firmware delete failed" (st-846738), the GUI's "Start FUS failed !"
 * (st-228021), the FUS operator as evidence of SWD and of the device ID (st-89405, st-721392), the application DFU
 * banner "IAP" (st-57562), version words checked for plausibility before they are believed, the connection's own
 * reads and option-byte uploads kept in the connection (st-90380), and the note {@value #NEVER_ENDED} on an operation
 * the log stops in (st-ElepU). Assumed, not found in a public log: "FusStartWS activated successfully".
 */
public final class ProgrammerOutputParser {

    /** Characters of a line that are looked at; the rest is ignored (the line still counts). */
    public static final int MAX_LINE = 4096;

    public static final long FUS_INFO_ADDRESS_USB = 0x20030030L;
    public static final long FUS_INFO_ADDRESS_SWD = 0x20010010L;
    /** The address of a FUS version the tool printed ("Current FUS Version : 0x00050300") rather than read. */
    public static final long REPORTED_BY_TOOL = -1L;
    /** The note an operation gets when the log ends while it runs (USB dropped, tool crashed, log cut). */
    public static final String NEVER_ENDED = "never ended";

    private static final Pattern VERSION = Pattern.compile("STM32CubeProgrammer(?:\\s+API)?\\s+v?(\\d{1,3}(?:\\.\\d{1,4}){1,3})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA = Pattern.compile(
            "0x([0-9a-fA-F]{1,8})\\s{0,8}:\\s{0,8}([0-9a-fA-F]{8}(?:[ \\t]{1,8}[0-9a-fA-F]{8}){0,63})(?![0-9a-fA-FxX])");
    private static final Pattern ELAPSED = Pattern.compile("(\\d{1,3}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,3}))?\\s*$");
    private static final Pattern DEV_CODE = Pattern.compile("(?<![A-Za-z0-9_])(DEV_[A-Z0-9_]{2,40})(?![A-Za-z0-9_])");
    private static final Pattern FUS_TOKEN = Pattern.compile("(?<![A-Za-z0-9_])(FUS_[A-Za-z0-9_]{2,40})(?![A-Za-z0-9_])");
    private static final Pattern FLASH = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s{0,4}([KMG]?)B", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{1,16})");
    private static final Pattern PLAIN_WORD = Pattern.compile("\\d+|all|displ", Pattern.CASE_INSENSITIVE);
    private static final Pattern ADDRESS_IN_TEXT = Pattern.compile("(?i)at address\\s{0,4}(0x[0-9a-f]{1,16})");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(?:[.,](\\d{1,3}))?\\s{0,4}([KM]?)B(?:ytes?)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SECTORS = Pattern.compile("\\[\\s{0,4}(\\d{1,6})\\s{1,4}(\\d{1,6})\\s{0,4}]");
    private static final Pattern STATE_TOKEN = Pattern.compile("(?:FUS|RSS)_[A-Z0-9_]{2,40}");

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

    private ProgrammerOutputParser() {
    }

    /** Parses any text. Never throws; returns {@code recognized=false} for text that is not CubeProgrammer output. */
    public static ProgrammerSession parse(String text) {
        if (text == null || text.isEmpty()) {
            return ProgrammerSession.unrecognized(0);
        }
        Run run = new Run();
        try {
            run.parseAll(text);
            return run.result();
        } catch (RuntimeException | StackOverflowError e) {
            return ProgrammerSession.unrecognized(run.lineNo);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

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

    private static final class Run {
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
        final LineCleaner cleaner = new LineCleaner();

        void parseAll(String text) {
            int n = text.length();
            int start = 0;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    lineNo++;
                    handle(text, start, Math.min(i, start + MAX_LINE));
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = i + 1;
                }
            }
            if (start < n) {
                lineNo++;
                handle(text, start, Math.min(n, start + MAX_LINE));
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
                last.notes.add(NEVER_ENDED + ": the log stops at \"" + lastProgress + "\"");
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
                    deviceName, flashSize, banner, reads, fusVersions, built, errors, warnings, fusObs, applicationDfu);
        }

        /** ASCII-only lower case: output is ASCII-keyed, and this avoids Unicode case mapping on binary junk. */
        private static String asciiLower(String s) {
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

        private static String normalizeKey(String k) {
            StringBuilder b = new StringBuilder(k.length());
            boolean space = false;
            for (int i = 0; i < k.length(); i++) {
                char c = k.charAt(i);
                if (c == ' ') {
                    space = b.length() > 0;
                } else {
                    if (space) {
                        b.append(' ');
                        space = false;
                    }
                    b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                }
            }
            return b.toString();
        }

        // ---- dispatch -----------------------------------------------------------------------------------------

        private void handle(String text, int from, int to) {
            String s = cleaner.clean(text, from, to);
            if (s.isEmpty()) {
                return;
            }
            int ln = lineNo;
            String lower = asciiLower(s);
            if (errorContinues) {
                errorContinues = false;
                if (!lower.startsWith("error") && !lower.startsWith("warning")) {
                    onProblem(s, ln, false);
                    return;
                }
            }

            if (lower.contains("stm32_programmer") && commandLine(s, lower, ln)) {
                return;
            }
            if (lower.contains("stm32cubeprogrammer")) {
                Matcher m = VERSION.matcher(s);
                if (m.find()) {
                    onBanner(m.group(1));
                    return;
                }
            }
            if (lower.startsWith("error:") || lower.startsWith("error ")) {
                int colon = s.indexOf(':');
                String msg = lower.startsWith("error:") ? s.substring(colon + 1).trim() : s;
                if (msg.isEmpty()) {
                    errorContinues = true; // st-846738: "Error:" then "Old Firmware delete failed"
                    return;
                }
                onProblem(msg, ln, false);
                return;
            }
            if (lower.equals("iap") && iface == InterfaceKind.USB) {
                applicationDfu = true; // st-57562: "FW version : 0x011a" then "IAP", no Device ID
                strong = true;
                if (current != null) {
                    current.line(ln);
                    current.notes.add("application DFU (IAP), not ST's ROM bootloader");
                }
                return;
            }
            if (lower.startsWith("warning:")) {
                onProblem(s.substring(8).trim(), ln, !lower.contains("upgrade error"));
                return;
            }
            if (lower.contains("dev_") && DEV_CODE.matcher(s).find()) {
                onProblem(s, ln, false);
                return;
            }
            if (lower.startsWith("fus state is") || lower.startsWith("fus status is")
                    || lower.startsWith("rss state is") || lower.startsWith("rss status is")) {
                boolean state = lower.startsWith("fus state is") || lower.startsWith("rss state is");
                String rest = s.substring(state ? 12 : 13).trim();
                int e = 0;
                while (e < rest.length() && (Character.isLetterOrDigit(rest.charAt(e)) || rest.charAt(e) == '_')) {
                    e++;
                }
                if (e > 0) {
                    onFus(state, rest.substring(0, e), ln);
                }
                return;
            }
            if (lower.startsWith("0x")) {
                Matcher m = DATA.matcher(s);
                if (m.lookingAt()) {
                    onData(m.group(1), m.group(2), ln);
                    return;
                }
            }
            int colon = s.indexOf(':');
            if (colon > 0 && colon <= 24) {
                String key = normalizeKey(s.substring(0, colon));
                String value = s.substring(colon + 1).trim();
                while (value.startsWith(":")) {
                    value = value.substring(1).trim();
                }
                if (BANNER_KEYS.containsKey(key)) {
                    onBannerKey(key, value, ln);
                    return;
                }
                if (key.equals("file") || key.equals("address") || key.equals("size")) {
                    onOpKey(key, value, ln);
                    return;
                }
                if (key.equals("key file path")) {
                    keyFile = value; // gh-flipper-factory-3: "Key File path : assets/cks/key_master.bin"
                    return;
                }
                if (key.equals("current fus version")) {
                    onReportedFus(value, ln);
                    return;
                }
            }
            markers(s, lower, ln);
        }

        private void markers(String s, String lower, int ln) {
            if (progress(lower)) {
                lastProgress = s;
                lastProgressLine = ln;
            }
            if (lower.startsWith("expected value for option byte") || lower.startsWith("option byte programming failed")
                    || lower.startsWith("failed to set ") || lower.startsWith("start fus failed")
                    || lower.startsWith("old firmware delete failed")) {
                onProblem(s, ln, false); // printed without "Error:" in st-33955, st-228021
            } else if (lower.startsWith("write user key in memory process started")) {
                strong = true; // gh-flipper-factory-3
                OpB op = claim(Operation.Kind.OTHER, ln);
                op.notes.add("write user key");
                op.file = keyFile;
            } else if (lower.startsWith("fusstartws activated successfully")) {
                strong = true; // assumed: named in issue 11, the public log was not found again
                OpB op = claimUnlessCurrent(Operation.Kind.STARTWIRELESSSTACK, ln);
                op.line(ln);
                op.outcome = Operation.Outcome.SUCCEEDED;
            } else if (lower.startsWith("option byte programming verification")
                    || lower.startsWith("success with time elapsed during reconnect")) {
                strong = true; // st-33955
                if (current != null) {
                    current.line(ln);
                }
            } else if (lower.startsWith("r ap ") || lower.startsWith("w ap ")) {
                if (iface == InterfaceKind.UNKNOWN) {
                    iface = InterfaceKind.SWD; // verbose ST-LINK access lines, st-33955 and st-125135
                }
            } else if (STATE_TOKEN.matcher(s).matches()) {
                FusCodes.lookup(s).ifPresent(c -> onFus(c.kind() == FusCodes.Kind.STATE, s, ln));
            } else if (lower.startsWith("operation exceeds memory limits") || lower.startsWith("failed to erase")
                    || (lower.startsWith("erasing sector") && lower.endsWith("failed"))) {
                onProblem(s, ln, false);
            } else if (lower.startsWith("erasing internal memory sectors")) {
                onErase(s, ln);
            } else if (lower.startsWith("reading 32-bit memory content") || lower.startsWith("reading 16-bit memory content")
                    || lower.startsWith("reading 8-bit memory content")) {
                strong = true;
                claim(Operation.Kind.READ, ln);
            } else if (lower.startsWith("old firmware delete") || lower.startsWith("old wireless stack delete")) {
                strong = true;
                onUpgradeDelete(ln);
            } else if (lower.startsWith("download ") && lower.contains("image at address")) {
                strong = true;
                OpB op = inFwUpgrade() ? current : upgradeAfterDelete(ln);
                op.line(ln);
                op.expectImageFile = true;
                Matcher m = ADDRESS_IN_TEXT.matcher(s);
                if (op.address == null && m.find()) {
                    op.address = parseHex(m.group(1));
                }
            } else if (lower.startsWith("firmware upgrade process started")
                    || lower.startsWith("firmware upgrade process begins")) {
                strong = true;
                (inFwUpgrade() ? current : upgradeAfterDelete(ln)).line(ln);
            } else if (lower.startsWith("firmware upgrade success")) {
                strong = true;
                OpB op = current != null && current.kind == Operation.Kind.FWUPGRADE ? current
                        : claim(Operation.Kind.FWUPGRADE, ln);
                op.line(ln);
                op.outcome = Operation.Outcome.SUCCEEDED;
            } else if (lower.startsWith("deleting firmware")) {
                strong = true;
                (inFwUpgrade() ? current : claimUnlessCurrent(Operation.Kind.FWDELETE, ln)).line(ln);
            } else if (lower.startsWith("firmware delete success") || lower.startsWith("firmware delete finished")) {
                strong = true;
                if (inFwUpgrade()) {
                    current.line(ln);
                } else {
                    OpB op = claimUnlessCurrent(Operation.Kind.FWDELETE, ln);
                    op.line(ln);
                    op.outcome = Operation.Outcome.SUCCEEDED;
                }
            } else if (lower.startsWith("startfus activated successfully") || lower.startsWith("fus is already running")) {
                strong = true;
                OpB op = claimUnlessCurrent(Operation.Kind.STARTFUS, ln);
                op.line(ln);
                op.outcome = Operation.Outcome.SUCCEEDED;
                if (lower.startsWith("fus is already running")) {
                    op.notes.add("FUS is already running");
                }
            } else if (lower.contains("wireless stack") && lower.contains("start")) {
                OpB op = claimUnlessCurrent(Operation.Kind.STARTWIRELESSSTACK, ln);
                op.line(ln);
                if (lower.contains("success") || lower.contains("started")) {
                    op.outcome = Operation.Outcome.SUCCEEDED;
                }
            } else if (lower.contains("antirollback") || lower.contains("anti-rollback")) {
                OpB op = claimUnlessCurrent(Operation.Kind.ANTIROLLBACK, ln);
                op.line(ln);
                if (lower.contains("success")) {
                    op.outcome = Operation.Outcome.SUCCEEDED;
                }
            } else if (lower.startsWith("uploading option bytes") || lower.startsWith("programming option bytes")) {
                // a connection only reads them: programming them is an -ob of its own, command line or not
                boolean programming = lower.startsWith("programming option bytes");
                if (inFwUpgrade() || (connecting() && !programming && !pending(Operation.Kind.OPTIONBYTES))) {
                    current.line(ln); // the GUI reads the option bytes when it connects (st-90380)
                } else {
                    claimUnlessCurrent(Operation.Kind.OPTIONBYTES, ln).line(ln);
                }
            } else if (lower.startsWith("option bytes successfully programmed") || lower.startsWith("succeeded to set")) {
                if (current != null && current.kind == Operation.Kind.OPTIONBYTES) {
                    current.line(ln);
                    current.outcome = Operation.Outcome.SUCCEEDED;
                } else if (current != null) {
                    current.line(ln);
                }
            } else if (lower.startsWith("memory programming")) {
                if (inFwUpgrade() || inUpgradeDelete()) {
                    current.line(ln);
                } else {
                    claim(Operation.Kind.OTHER, ln);
                }
            } else if (lower.startsWith("opening and parsing file:") && lower.contains("_fus_operator")) {
                onOperator(lower, ln);
            } else if (lower.startsWith("file download complete")) {
                if (current != null) {
                    current.line(ln);
                    if (current.kind == Operation.Kind.OTHER && current.outcome != Operation.Outcome.FAILED) {
                        current.outcome = Operation.Outcome.SUCCEEDED; // not after "erasing sector ... failed" (insided-43503)
                    }
                }
            } else if (lower.startsWith("running program")) {
                claim(Operation.Kind.OTHER, ln);
            } else if (lower.startsWith("start operation achieved successfully")) {
                OpB op = claimUnlessCurrent(Operation.Kind.OTHER, ln);
                op.line(ln);
                op.outcome = Operation.Outcome.SUCCEEDED;
            } else if (lower.startsWith("uploading")) {
                if (connecting() && !pending(Operation.Kind.READ)) {
                    current.line(ln); // the GUI reads the start of the flash when it connects (st-90380)
                } else {
                    claimUnlessCurrent(Operation.Kind.READ, ln).line(ln);
                }
            } else if (lower.startsWith("data read successfully")) {
                if (current != null && current.kind == Operation.Kind.READ) {
                    current.line(ln);
                    current.outcome = Operation.Outcome.SUCCEEDED;
                }
            } else if (lower.startsWith("time elapsed")) {
                Matcher m = ELAPSED.matcher(s);
                if (m.find() && current != null) {
                    String ms = m.group(4) == null ? "0" : (m.group(4) + "00").substring(0, 3);
                    Duration d = Duration.ofHours(Long.parseLong(m.group(1)))
                            .plusMinutes(Long.parseLong(m.group(2)))
                            .plusSeconds(Long.parseLong(m.group(3)))
                            .plusMillis(Long.parseLong(ms));
                    current.elapsed = current.elapsed == null ? d : current.elapsed.plus(d);
                    current.line(ln);
                }
            } else if (lower.startsWith("reconnecting") || lower.startsWith("reconnected")
                    || lower.startsWith("application is running") || lower.startsWith("updating firmware")
                    || lower.startsWith("waiting for firmware upgrade end") || lower.startsWith("download in progress")) {
                if (current != null) {
                    current.line(ln);
                }
            } else if (lower.startsWith("serial port") && lower.contains("opened")) {
                iface = InterfaceKind.UART;
                strong = true;
                claimUnlessCurrent(Operation.Kind.CONNECT, ln).line(ln);
            } else if (lower.startsWith("activating device") && current != null && current.kind == Operation.Kind.CONNECT) {
                current.line(ln);
            }
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
        private OpB namedPending(String msg) {
            OpB next = inv == null ? null : inv.nextPending();
            if (next == null || next.kind == Operation.Kind.CONNECT && inv.order.size() < 2) {
                return null;
            }
            String l = asciiLower(msg);
            for (OpB o : inv.order) {
                if (!o.claimed && o.kind != Operation.Kind.CONNECT && o.kind != Operation.Kind.OTHER
                        && l.startsWith(o.kind.name().toLowerCase(Locale.ROOT))) {
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

        private void onBanner(String version) {
            strong = true;
            toolVersion = version;
            if (inv == null || inv.banner) {
                inv = new Invocation();
                current = null;
            }
            inv.banner = true;
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
            String display = BANNER_KEYS.get(key);
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
                case "flash size" -> flashSize = parseFlash(value);
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
                    op.size = parseSize(value);
                }
            } else if (key.equals("address") && op.kind != Operation.Kind.FWUPGRADE && op.address == null) {
                Matcher m = HEX.matcher(value);
                if (m.lookingAt()) {
                    op.address = parseHex(m.group());
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
            fusVersions.add(FusVersion.decode(Long.parseLong(m.group(1), 16), REPORTED_BY_TOOL, ln));
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
                if ((a == FUS_INFO_ADDRESS_USB || a == FUS_INFO_ADDRESS_SWD) && !applicationDfu) {
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
            String code = classify(msg, warning);
            ProgrammerError e = new ProgrammerError(code, msg, ln);
            if (isStrongCode(code)) {
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
                } else if (op == null && (isConnectionCode(code) || (inv != null && inv.claimed == 0))) {
                    op = claim(Operation.Kind.CONNECT, ln);
                } else if (op != null && fusKind(op.kind) && (isConnectionCode(code) || code.equals("CONNECTION_LOST"))) {
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
            List<String> toks = tokenize(s.substring(end));
            Invocation next = new Invocation();
            List<OpB> created = new ArrayList<>();
            for (int i = 0; i < toks.size(); i++) {
                String t = toks.get(i);
                if (!t.startsWith("-") || t.length() < 2) {
                    continue;
                }
                int dash = 0;
                while (dash < t.length() && t.charAt(dash) == '-') {
                    dash++;
                }
                String o = t.substring(dash).toLowerCase(Locale.ROOT);
                OpB op;
                switch (o) {
                    case "c", "connect" -> {
                        op = new OpB(Operation.Kind.CONNECT, ln, true);
                        i = takeKeyValues(toks, i, op);
                        for (String a : op.args) {
                            String al = a.toLowerCase(Locale.ROOT);
                            if (al.startsWith("port=")) {
                                iface = portKind(al.substring(5));
                            } else if (al.startsWith("mode=") && connectMode == null) {
                                connectMode = modeName(al.substring(5));
                            }
                        }
                    }
                    case "r32", "r16", "r8", "r", "read", "u", "upload" -> {
                        op = new OpB(Operation.Kind.READ, ln, true);
                        i = takePlain(toks, i, op, 3);
                    }
                    case "fwupgrade" -> {
                        op = new OpB(Operation.Kind.FWUPGRADE, ln, true);
                        i = takePlain(toks, i, op, 8);
                    }
                    case "fwdelete" -> op = new OpB(Operation.Kind.FWDELETE, ln, true);
                    case "startfus" -> op = new OpB(Operation.Kind.STARTFUS, ln, true);
                    case "startwirelessstack" -> op = new OpB(Operation.Kind.STARTWIRELESSSTACK, ln, true);
                    case "antirollback" -> op = new OpB(Operation.Kind.ANTIROLLBACK, ln, true);
                    case "ob", "optionbytes" -> {
                        op = new OpB(Operation.Kind.OPTIONBYTES, ln, true);
                        i = takePlain(toks, i, op, 32);
                    }
                    case "w", "write", "d", "download", "w32", "w16", "w8", "w64", "e", "erase", "s", "start", "g",
                         "go" -> {
                        op = new OpB(Operation.Kind.OTHER, ln, true);
                        op.args.add(t);
                        i = takePlain(toks, i, op, 3);
                    }
                    default -> op = null;
                }
                if (op == null) {
                    continue;
                }
                fillFileAndAddress(op);
                created.add(op);
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

        private static int takeKeyValues(List<String> toks, int i, OpB op) {
            while (i + 1 < toks.size() && !toks.get(i + 1).startsWith("-") && toks.get(i + 1).contains("=")) {
                op.args.add(toks.get(++i));
            }
            return i;
        }

        private static int takePlain(List<String> toks, int i, OpB op, int max) {
            int taken = 0;
            while (i + 1 < toks.size() && taken < max && !toks.get(i + 1).startsWith("-")) {
                op.args.add(toks.get(++i));
                taken++;
            }
            return i;
        }

        private static void fillFileAndAddress(OpB op) {
            for (String a : op.args) {
                if (a.startsWith("-")) {
                    continue;
                }
                Matcher m = HEX.matcher(a);
                if (m.matches()) {
                    if (op.address == null) {
                        op.address = parseHex(a);
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

    // ---- classification helpers (package-visible for tests) -------------------------------------------------

    static String classify(String msg, boolean warning) {
        String l = msg.toLowerCase(Locale.ROOT);
        if (l.contains("no stm32 target found")) {
            return "NO_TARGET";
        }
        if (l.contains("no debug probe detected")) {
            return "NO_PROBE";
        }
        if (l.contains("unable to get core id")) {
            return "NO_CORE_ID";
        }
        Matcher m = DEV_CODE.matcher(msg);
        if (m.find()) {
            return m.group(1);
        }
        if (l.contains("wrong address")) {
            return "WRONG_ADDRESS";
        }
        m = FUS_TOKEN.matcher(msg);
        String firstFus = null;
        while (m.find()) {
            var c = FusCodes.lookup(m.group(1));
            if (c.isPresent()) {
                return c.get().name();
            }
            if (firstFus == null) {
                firstFus = m.group(1).toUpperCase(Locale.ROOT);
            }
        }
        if (firstFus != null) {
            return firstFus;
        }
        if (l.contains("exceeds memory limits")) {
            return "MEMORY_LIMITS";
        }
        if (l.contains("not supported for such device") || l.contains("device not supported")
                || l.contains("unsupported device")) {
            return "UNSUPPORTED_DEVICE";
        }
        if (l.contains("upgrade error")) {
            return "UPGRADE_FAILED";
        }
        if (l.contains("wireless stack") && l.contains("fail")) {
            return "START_STACK_FAILED";
        }
        if (l.contains("not authentic")) {
            return "FUS_IMG_NOT_AUTHENTIC";
        }
        if (l.contains("fus is not in idle")) {
            return "FUS_NOT_IDLE";
        }
        if (l.contains("impossible to install fus")) {
            return "FUS_UNSUPPORTED_ON_THIS_FLASH";
        }
        if (l.contains("dfu") && (l.contains("no ") || l.contains("not found"))) {
            return "NO_DFU_DEVICE";
        }
        if (l.contains("write failed")) {
            return "WRITE_FAILED";
        }
        if (l.contains("failed to download")) {
            return "DOWNLOAD_FAILED";
        }
        if (l.contains("failed to erase") || l.contains("erase failed") || l.contains("erase operation failed")
                || (l.startsWith("erasing sector") && l.endsWith("failed"))) {
            return "ERASE_FAILED";
        }
        if (l.contains("read operation failed") || l.contains("failed to read")) {
            return "READ_FAILED";
        }
        if (l.contains("expected value for option byte") || l.contains("option byte programming failed")
                || (l.startsWith("failed to set ") && l.contains("boot"))) {
            return "OPTION_BYTE_MISMATCH";
        }
        if (l.contains("start fus failed") || l.contains("start fus operation failure")) {
            return "START_FUS_FAILED";
        }
        if (l.contains("old firmware delete failed")) {
            return "OLD_FIRMWARE_DELETE_FAILED";
        }
        if (l.contains("start operation failed")) {
            return "START_FAILED";
        }
        if (l.contains("option byte")) {
            return "OPTION_BYTES";
        }
        if (l.contains("connection to device") && l.contains("lost")) {
            return "CONNECTION_LOST";
        }
        if (l.contains("read out protection") || l.contains("memory protection")) {
            return "READ_PROTECTION";
        }
        return warning ? "WARNING" : "ERROR";
    }

    static boolean isConnectionCode(String code) {
        return code.equals("NO_TARGET") || code.equals("NO_PROBE") || code.equals("NO_CORE_ID")
                || code.startsWith("DEV_") || code.equals("NO_DFU_DEVICE") || code.equals("UNSUPPORTED_DEVICE");
    }

    private static boolean isStrongCode(String code) {
        return isConnectionCode(code) || FusCodes.lookup(code).isPresent() || code.equals("FUS_NOT_IDLE")
                || code.equals("FUS_UNSUPPORTED_ON_THIS_FLASH") || code.equals("OPTION_BYTE_MISMATCH")
                || code.equals("START_FUS_FAILED") || code.equals("OLD_FIRMWARE_DELETE_FAILED");
    }

    static Long parseHex(String s) {
        Matcher m = HEX.matcher(s.trim());
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(m.group(1), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "24492 Bytes", "29.81 KB", "8 KBytes", "179,23 KB" (decimal comma, gh-jkorte in logs/real); null when no size. */
    static ImageSize parseSize(String value) {
        Matcher m = SIZE.matcher(value);
        if (!m.find()) {
            return null;
        }
        long unit = switch (m.group(3).toUpperCase(Locale.ROOT)) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            default -> 1L;
        };
        String fraction = m.group(2) == null ? "" : m.group(2);
        long scale = (long) Math.pow(10, fraction.length());
        long whole = Long.parseLong(m.group(1));
        long bytes = Math.round((whole * scale + (fraction.isEmpty() ? 0 : Long.parseLong(fraction))) * (double) unit
                / scale);
        long tolerance = unit == 1 ? 0 : (unit + 2 * scale - 1) / (2 * scale);
        return new ImageSize(bytes, tolerance, value);
    }

    static FlashSize parseFlash(String value) {
        Matcher m = FLASH.matcher(value);
        if (!m.find()) {
            return new FlashSize(-1, null, value);
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        long mult = switch (unit) {
            case "K" -> 1024L;
            case "M" -> 1024L * 1024;
            case "G" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        String num = m.group(1).endsWith(".0") ? m.group(1).substring(0, m.group(1).length() - 2) : m.group(1);
        return new FlashSize(Math.round(n * mult), num + unit, value);
    }
}
