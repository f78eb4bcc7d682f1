package dev.fuspath.programmer;

import dev.fuspath.rules.RuleFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordered table of line rules of {@code rules/programmer-output.json}, compiled: one cleaned line of
 * STM32CubeProgrammer output in, the first rule that takes it out. A rule matches by a regex tried with
 * {@link Matcher#lookingAt()} at the start of the line (lower-cased, unless the rule says {@code "on": "line"}), or by
 * the key of a "Key : value" line. A rule whose {@link Attach} declines the line (a command line that names no
 * operation, "IAP" outside a USB banner) lets the next rule try.
 *
 * <p>Linear in the input: every line is tried against the fixed list of rules, at most once each, and every regex is
 * anchored at the line's start (a {@code .*} in it costs at most the line's length, which is capped at
 * {@link ProgrammerOutputParser#MAX_LINE}).
 */
public final class LineRules {

    static final String FILE = "rules/programmer-output.json";

    /**
     * How a line attaches to the session. Each kind is one method of {@link SessionAssembler}. The generic kinds
     * (OPENS, OPENS_UNLESS_CURRENT, CURRENT, CURRENT_OF_KIND) take their operation kind, outcome and note from the
     * row; the others declare the kind and outcome they give, and a row using them must state the same.
     */
    public enum Attach {
        /** A STM32_Programmer_CLI command line: opens the operations its arguments name (declines when none). */
        COMMAND_LINE(null, null),
        /** "STM32CubeProgrammer v2.14.0": the tool's version; a new run of the tool. */
        TOOL_VERSION(null, null),
        /** "Error: ..." (a bare "Error:" takes its message from the next line): an error of the current operation. */
        ERROR_LINE(null, Operation.Outcome.FAILED),
        /** "Warning: ...": a warning, FUS codes in it are FUS statuses. */
        WARNING_LINE(null, null),
        /** The whole line is an error message printed without "Error:". */
        PROBLEM(null, Operation.Outcome.FAILED),
        /** "IAP" in a USB DFU banner: an application's own DFU (declines outside a USB banner). */
        APPLICATION_DFU(null, null),
        /** "FUS state is X". */
        FUS_STATE(null, null),
        /** "FUS status is X". */
        FUS_STATUS(null, null),
        /** A line that is only a FUS code the code book knows. */
        BARE_FUS_CODE(null, null),
        /** "0x20030030 : 00050300 ...": a memory dump row of a read. */
        MEMORY_ROW(Operation.Kind.READ, Operation.Outcome.SUCCEEDED),
        /** "Device ID : 0x495": a banner field of the connection. */
        BANNER_FIELD(Operation.Kind.CONNECT, null),
        /** "File :", "Address :", "Size :": a field of the current operation. */
        OPERATION_FIELD(null, null),
        /** "Key File path : ...": the key file the next key write uses. */
        KEY_FILE(null, null),
        /** "Current FUS Version : 0x00050300": a FUS version the tool printed. */
        REPORTED_FUS_VERSION(null, null),
        /** "OPTION BYTES BANK: 0": the heading of the listing of -ob displ. */
        OPTION_BYTES_LISTING(null, null),
        /** "SFSA : 0xCB (...)" inside that listing (declines outside one). */
        OPTION_BYTE_VALUE(null, null),
        /** Verbose ST-LINK access lines: evidence of SWD. */
        PROBE_ACCESS(null, null),
        /** "Write user key in memory process started". */
        WRITE_KEY(Operation.Kind.OTHER, null),
        /** Opens an operation of the row's kind (or takes the one the command line named). */
        OPENS(null, null),
        /** The current operation if it is of the row's kind and has not ended, else opens one. */
        OPENS_UNLESS_CURRENT(null, null),
        /** Belongs to the current operation, whatever it is. */
        CURRENT(null, null),
        /** Belongs to the current operation only when it is of the row's kind. */
        CURRENT_OF_KIND(null, null),
        /** "Erasing internal memory sectors [a b]". */
        ERASE_SECTORS(null, null),
        /** "Old Firmware delete ...": the delete phase of a firmware upgrade, a FWDELETE of its own. */
        UPGRADE_DELETE(Operation.Kind.FWDELETE, null),
        /** "Download Stack/FUS image at address ...": the image of a firmware upgrade. */
        IMAGE_DOWNLOAD(Operation.Kind.FWUPGRADE, null),
        /** "Firmware Upgrade process started". */
        UPGRADE_PROGRESS(Operation.Kind.FWUPGRADE, null),
        /** "Firmware Upgrade Success". */
        UPGRADE_SUCCESS(Operation.Kind.FWUPGRADE, Operation.Outcome.SUCCEEDED),
        /** "Deleting firmware ...": inside an upgrade its delete phase, else a FWDELETE. */
        DELETE_PROGRESS(Operation.Kind.FWDELETE, null),
        /** "Firmware delete Success": ends a FWDELETE (inside an upgrade, only its phase). */
        DELETE_SUCCESS(Operation.Kind.FWDELETE, Operation.Outcome.SUCCEEDED),
        /** "Uploading/Programming Option Bytes": an option-byte operation, or the connection's own upload. */
        OPTION_BYTES_START(Operation.Kind.OPTIONBYTES, null),
        /** "Option Bytes successfully programmed", "Succeeded to set ...". */
        OPTION_BYTES_SUCCESS(Operation.Kind.OPTIONBYTES, Operation.Outcome.SUCCEEDED),
        /** "Memory Programming ...": part of an upgrade, else a download. */
        MEMORY_PROGRAMMING(Operation.Kind.OTHER, null),
        /** "Opening and parsing file: 0x495_FUS_Operator.bin": CubeProgrammer's own helper, evidence of SWD. */
        FUS_OPERATOR(null, null),
        /** "File download complete": ends a download. */
        DOWNLOAD_COMPLETE(Operation.Kind.OTHER, Operation.Outcome.SUCCEEDED),
        /** "Uploading ...": a read, or the connection's own read. */
        UPLOAD(Operation.Kind.READ, null),
        /** "Time elapsed during ... 00:00:01.234": adds to the current operation's time. */
        ELAPSED(null, null),
        /** "Serial Port COM3 is successfully opened": a UART connection. */
        UART_OPENED(Operation.Kind.CONNECT, null);

        final Operation.Kind kind;
        final Operation.Outcome outcome;

        Attach(Operation.Kind kind, Operation.Outcome outcome) {
            this.kind = kind;
            this.outcome = outcome;
        }

        boolean generic() {
            return this == OPENS || this == OPENS_UNLESS_CURRENT || this == CURRENT || this == CURRENT_OF_KIND;
        }
    }

    /**
     * One row of the table.
     *
     * @param regex     matched with lookingAt on the lower-cased line ({@code onLine}: on the line as printed); null
     *                  for a key rule
     * @param keys      for a key rule: the keys (lower case, single spaces) of "Key : value" lines it takes
     * @param kind      the operation kind the line concerns, null when none
     * @param outcome   the outcome it gives that operation, null when none
     * @param note      a note added to the operation, null when none
     * @param successIf for OPENS_UNLESS_CURRENT: the outcome becomes SUCCEEDED when the line contains one of these
     * @param proves    the line alone shows the text is CubeProgrammer's
     * @param progress  the line says an operation is under way (a log that stops on it stopped mid-operation)
     * @param logs      corpus logs (src/test/resources/logs/real) that show the line, empty when assumed
     * @param assumed   why the shape is believed though no public log shows it, null when logs are given
     */
    public record Rule(int index, String id, Pattern regex, boolean onLine, Set<String> keys, Attach attach,
                       Operation.Kind kind, Operation.Outcome outcome, String note, List<String> successIf,
                       boolean proves, boolean progress, List<String> logs, String url, String assumed,
                       Prefilter prefilter) {

        /** Whether this row's pattern matches the line (the attach may still decline it). */
        boolean matches(String line, String lower, String key) {
            if (regex == null) {
                return key != null && keys.contains(key);
            }
            String text = onLine ? line : lower;
            return prefilter.admits(text) && regex.matcher(text).lookingAt();
        }

        /** The regex alone, without the prefilter (the test that the prefilter never drops a match uses it). */
        boolean regexMatches(String line, String lower) {
            return regex != null && regex.matcher(onLine ? line : lower).lookingAt();
        }

        public boolean isAssumed() {
            return assumed != null;
        }
    }

    private final List<Rule> rules;
    private final java.util.Map<Operation.Kind, String> assumedOutput = new java.util.EnumMap<>(Operation.Kind.class);
    private final java.util.Map<String, String> assumedShapes = new java.util.LinkedHashMap<>();

    LineRules(JsonNode root) {
        root.path("assumedShapes").fields().forEachRemaining(e -> {
            if (e.getValue().path("assumed").asText("").isBlank() || e.getValue().path("readBy").asText("").isBlank()) {
                throw new IllegalStateException(FILE + ": assumedShapes " + e.getKey()
                        + " says not why it is assumed, or not what reads it");
            }
            assumedShapes.put(e.getKey(), e.getValue().path("assumed").asText());
        });
        root.path("assumedOutput").fields().forEachRemaining(e -> {
            Operation.Kind k = enumOf(Operation.Kind.class, e.getKey(), FILE + ": assumedOutput");
            if (e.getValue().asText("").isBlank()) {
                throw new IllegalStateException(FILE + ": assumedOutput " + k + " says not why");
            }
            assumedOutput.put(k, e.getValue().asText());
        });
        List<Rule> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : root.path("rules")) {
            list.add(rule(list.size(), r, ids));
        }
        if (list.isEmpty()) {
            throw new IllegalStateException(FILE + ": no rules");
        }
        this.rules = List.copyOf(list);
    }

    private static Rule rule(int index, JsonNode r, Set<String> ids) {
        String id = r.path("id").asText("");
        String where = FILE + ": rule " + (id.isEmpty() ? "#" + index : id);
        if (id.isEmpty() || !ids.add(id)) {
            throw new IllegalStateException(where + ": no id, or the id is used twice");
        }
        Attach attach;
        try {
            attach = Attach.valueOf(r.path("attach").asText("").toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": unknown attach " + r.path("attach"));
        }
        Pattern regex = null;
        Set<String> keys = Set.of();
        if (r.hasNonNull("regex") == r.has("keys")) {
            throw new IllegalStateException(where + ": give a regex or keys, not both or neither");
        }
        if (r.hasNonNull("regex")) {
            regex = Pattern.compile(r.get("regex").asText());
        } else {
            Set<String> k = new HashSet<>();
            r.get("keys").forEach(n -> k.add(n.asText().toLowerCase(Locale.ROOT)));
            keys = Set.copyOf(k);
        }
        Operation.Kind kind = r.hasNonNull("kind") ? enumOf(Operation.Kind.class, r.get("kind").asText(), where) : null;
        Operation.Outcome outcome = r.hasNonNull("outcome")
                ? enumOf(Operation.Outcome.class, r.get("outcome").asText(), where) : null;
        if (!attach.generic() && (attach.kind != kind || attach.outcome != outcome)) {
            throw new IllegalStateException(where + ": " + attach + " gives kind " + attach.kind + " and outcome "
                    + attach.outcome + ", the row says " + kind + " and " + outcome);
        }
        if (attach.generic() && attach != Attach.CURRENT && kind == null) {
            throw new IllegalStateException(where + ": " + attach + " needs a kind");
        }
        List<String> successIf = new ArrayList<>();
        r.path("successIf").forEach(n -> successIf.add(n.asText().toLowerCase(Locale.ROOT)));
        if (!successIf.isEmpty() && attach != Attach.OPENS_UNLESS_CURRENT) {
            throw new IllegalStateException(where + ": successIf is for opens-unless-current");
        }
        JsonNode source = r.path("source");
        List<String> logs = new ArrayList<>();
        source.path("logs").forEach(n -> logs.add(n.asText()));
        String assumed = source.hasNonNull("assumed") ? source.get("assumed").asText() : null;
        String url = source.hasNonNull("url") ? source.get("url").asText() : null;
        if (logs.isEmpty() == (assumed == null) || (assumed != null && assumed.isBlank())) {
            throw new IllegalStateException(where + ": its source names corpus logs, or says why it is assumed");
        }
        return new Rule(index, id, regex, r.path("on").asText("lower").equals("line"), keys, attach, kind, outcome,
                r.hasNonNull("note") ? r.get("note").asText() : null, List.copyOf(successIf),
                r.path("proves").asBoolean(false), r.path("progress").asBoolean(false), List.copyOf(logs), url,
                assumed, regex == null ? Prefilter.NONE : Prefilter.of(regex.pattern()));
    }

    /**
     * A cheap necessary condition derived from a rule's regex, tested before the regex: the literal the regex starts
     * with (or one of the literals its leading {@code (?:a|b)} group starts with), or the literal a leading
     * {@code .*?} looks for. Speed only: a line the prefilter refuses is one the regex refuses.
     */
    record Prefilter(List<String> prefixes, String contains) {
        static final Prefilter NONE = new Prefilter(List.of(), null);

        boolean admits(String text) {
            if (contains != null && !text.contains(contains)) {
                return false;
            }
            if (prefixes.isEmpty()) {
                return true;
            }
            for (String p : prefixes) {
                if (text.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }

        static Prefilter of(String regex) {
            if (regex.startsWith(".*?") || regex.startsWith(".*")) {
                String rest = regex.substring(regex.startsWith(".*?") ? 3 : 2);
                if (rest.startsWith("(?<!") || rest.startsWith("(?<=")) {
                    int close = rest.indexOf(')');
                    rest = close < 0 || rest.substring(4, close).contains("(") ? "" : rest.substring(close + 1);
                }
                String lit = literalRun(rest);
                return lit.isEmpty() ? NONE : new Prefilter(List.of(), lit);
            }
            if (regex.startsWith("(?:")) {
                int close = regex.indexOf(')');
                String inner = close < 0 ? "(" : regex.substring(3, close);
                if (inner.contains("(")) {
                    return NONE;
                }
                List<String> prefixes = new ArrayList<>();
                for (String alternative : inner.split("\\|", -1)) {
                    String lit = literalRun(alternative);
                    if (lit.isEmpty()) {
                        return NONE;
                    }
                    prefixes.add(lit);
                }
                return new Prefilter(List.copyOf(prefixes), null);
            }
            String lit = literalRun(regex);
            return lit.isEmpty() ? NONE : new Prefilter(List.of(lit), null);
        }

        /** The plain characters a regex fragment starts with (a character followed by a quantifier is left out). */
        private static String literalRun(String fragment) {
            int i = 0;
            while (i < fragment.length() && "\\.[]{}()*+?^$|".indexOf(fragment.charAt(i)) < 0) {
                i++;
            }
            if (i < fragment.length() && "*+?{".indexOf(fragment.charAt(i)) >= 0 && i > 0) {
                i--;
            }
            return fragment.substring(0, i);
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name, String where) {
        try {
            return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + name + " is no " + type.getSimpleName());
        }
    }

    public static LineRules bundled() {
        return Holder.BUNDLED;
    }

    public List<Rule> rules() {
        return rules;
    }

    /**
     * Whether a call asking for these operations prints output whose shape no public log shows ("assumedOutput":
     * -startfus, -startwirelessstack, -antirollback, -ob displ over the CLI). The executor takes a surprise in such
     * output as a note and lets the device read back decide, never as a refusal.
     */
    public boolean assumedOutput(Set<Operation.Kind> kinds) {
        return kinds.stream().anyMatch(assumedOutput::containsKey);
    }

    /**
     * Shapes no public log shows that are no line rule of their own ("assumedShapes": what a known line holds in a
     * situation no log shows, such as the table the running stack keeps, or a part family no log comes from), by
     * id, with why they are assumed.
     */
    public java.util.Map<String, String> assumedShapes() {
        return java.util.Collections.unmodifiableMap(assumedShapes);
    }

    /** Why a kind's CLI output is assumed, or null. */
    public String assumedOutputWhy(Operation.Kind kind) {
        return assumedOutput.get(kind);
    }

    /** The key of a "Key : value" line (colon within its first 24 characters; lower case, single spaces), or null. */
    static String keyOf(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || colon > 24) {
            return null;
        }
        StringBuilder b = new StringBuilder(colon);
        boolean space = false;
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
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

    /** The value of a "Key : value" line (leading colons dropped). */
    static String valueOf(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        while (value.startsWith(":")) {
            value = value.substring(1).trim();
        }
        return value;
    }

    private static final class Holder {
        static final LineRules BUNDLED = load();

        private static LineRules load() {
            return new LineRules(RuleFiles.bundled().read("programmer-output.json"));
        }
    }
}
