package dev.fuspath.programmer;

import java.util.Locale;
import java.util.regex.Matcher;
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
/*
 * Since the split of issue 11 the shapes above live in rules/programmer-output.json (one row per line shape, with
 * its corpus log or why it is assumed) and rules/programmer-errors.json (error phrases); this class cuts lines,
 * cleans them and hands each to the first row that takes it; SessionAssembler builds the session.
 */
public final class ProgrammerOutputParser {

    /** Characters of a line that are looked at; the rest is ignored (the line still counts). */
    public static final int MAX_LINE = 4096;

    /** Where FUS keeps its version word (rules/procedures.json, through rules.FusFacts). */
    public static final long FUS_INFO_ADDRESS_USB = dev.fuspath.rules.FusFacts.bundled().fusInfoAddress();
    public static final long FUS_INFO_ADDRESS_SWD = 0x20010010L;
    /** The address of a FUS version the tool printed ("Current FUS Version : 0x00050300") rather than read. */
    public static final long REPORTED_BY_TOOL = -1L;
    /** The note an operation gets when the log ends while it runs (USB dropped, tool crashed, log cut). */
    public static final String NEVER_ENDED = "never ended";

    private static final Pattern FLASH = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,3})?)\\s{0,4}([KMG]?)B", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{1,16})");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,9})(?:[.,](\\d{1,3}))?\\s{0,4}([KM]?)B(?:ytes?)?\\b",
            Pattern.CASE_INSENSITIVE);

    private ProgrammerOutputParser() {
    }

    /** Parses any text. Never throws; returns {@code recognized=false} for text that is not CubeProgrammer output. */
    public static ProgrammerSession parse(String text) {
        return parse(text, LineRules.bundled(), null);
    }

    /**
     * Parses with a given rule table, counting rule evaluations in {@code evaluations[0]} when it is not null (the
     * linearity test counts them).
     */
    static ProgrammerSession parse(String text, LineRules rules, long[] evaluations) {
        if (text == null || text.isEmpty()) {
            return ProgrammerSession.unrecognized(0);
        }
        SessionAssembler session = new SessionAssembler();
        try {
            new Reader(rules, session, evaluations).readAll(text);
            return session.result();
        } catch (RuntimeException | StackOverflowError e) {
            return ProgrammerSession.unrecognized(session.lineNo);
        }
    }

    /** The rule a cleaned line goes to, or null when none takes it (for tests and tools: no session state). */
    static LineRules.Rule firstMatch(LineRules rules, String cleanedLine) {
        String lower = SessionAssembler.asciiLower(cleanedLine);
        String key = LineRules.keyOf(cleanedLine);
        for (LineRules.Rule rule : rules.rules()) {
            if (rule.matches(cleanedLine, lower, key)) {
                return rule;
            }
        }
        return null;
    }

    /** Cuts the text into lines, cleans each and hands it to the first rule that takes it. Stateless but for counting. */
    private static final class Reader {
        private final LineRules rules;
        private final SessionAssembler session;
        private final long[] evaluations;
        private final LineCleaner cleaner = new LineCleaner();

        Reader(LineRules rules, SessionAssembler session, long[] evaluations) {
            this.rules = rules;
            this.session = session;
            this.evaluations = evaluations;
        }

        void readAll(String text) {
            int n = text.length();
            int start = 0;
            for (int i = 0; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    session.lineNo++;
                    line(text, start, Math.min(i, start + MAX_LINE));
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = i + 1;
                }
            }
            if (start < n) {
                session.lineNo++;
                line(text, start, Math.min(n, start + MAX_LINE));
            }
        }

        private void line(String text, int from, int to) {
            String s = cleaner.clean(text, from, to);
            if (s.isEmpty()) {
                return;
            }
            int ln = session.lineNo;
            String lower = SessionAssembler.asciiLower(s);
            if (session.continuation(s, lower, ln)) {
                return;
            }
            String key = null;
            boolean keyKnown = false;
            for (LineRules.Rule rule : rules.rules()) {
                if (evaluations != null) {
                    evaluations[0]++;
                }
                Matcher m = null;
                if (rule.regex() == null) {
                    if (!keyKnown) {
                        key = LineRules.keyOf(s);
                        keyKnown = true;
                    }
                    if (key == null || !rule.keys().contains(key)) {
                        continue;
                    }
                } else {
                    String target = rule.onLine() ? s : lower;
                    if (!rule.prefilter().admits(target)) {
                        continue;
                    }
                    m = rule.regex().matcher(target);
                    if (!m.lookingAt()) {
                        continue;
                    }
                }
                if (session.accept(rule, m, s, lower, key, ln)) {
                    return;
                }
            }
        }
    }


    /** The code of an error or warning message, by rules/programmer-errors.json ({@link ErrorPhrases}). */
    static String classify(String msg, boolean warning) {
        return ErrorPhrases.bundled().classify(msg, warning);
    }

    /** An error of the connection rather than of an operation (rules/programmer-errors.json, "connection"). */
    static boolean isConnectionCode(String code) {
        return ErrorPhrases.bundled().connection(code);
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
