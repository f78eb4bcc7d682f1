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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rules/programmer-errors.json}: the phrases of STM32CubeProgrammer's error and warning lines, in order, each
 * with its code and whether it means the call never reached a device. The first row a message matches gives its
 * code. Matching is plain substring tests on the lower-cased message (and one bounded, anchored-by-boundary
 * regex), so it is linear in the message.
 */
public final class ErrorPhrases {

    static final String FILE = "rules/programmer-errors.json";

    /**
     * One row.
     *
     * @param code               the code; "DEV_*" takes the regex's group 1, "FUS_*" the FUS token
     * @param neverReachedDevice nothing reached a device: the device is as it was, a retry is safe
     * @param connection         an error of the connection rather than of an operation
     * @param proves             the phrase alone shows the text is CubeProgrammer's
     */
    public record Phrase(String id, String prefix, String suffix, List<String> all, List<String> any, Pattern regex,
                         boolean fusToken, String code, boolean neverReachedDevice, boolean connection, boolean proves,
                         String source) {

        /** The code this row gives a message, or null when it does not match. {@code lower} is the message lower-cased. */
        String match(String message, String lower) {
            if (prefix != null && !lower.startsWith(prefix) || suffix != null && !lower.endsWith(suffix)) {
                return null;
            }
            for (String a : all) {
                if (!lower.contains(a)) {
                    return null;
                }
            }
            if (!any.isEmpty() && any.stream().noneMatch(lower::contains)) {
                return null;
            }
            if (regex != null) {
                Matcher m = regex.matcher(message);
                return m.find() ? m.group(1) : null;
            }
            if (fusToken) {
                return firstFusToken(message);
            }
            return code;
        }

        boolean dynamic() {
            return code.endsWith("*");
        }

        boolean covers(String c) {
            return dynamic() ? c.startsWith(code.substring(0, code.length() - 1)) : c.equals(code);
        }
    }

    private static final Pattern FUS_TOKEN = Pattern.compile("(?<![A-Za-z0-9_])(FUS_[A-Za-z0-9_]{2,40})(?![A-Za-z0-9_])");

    private final List<Phrase> phrases;
    /** Code -> the first row giving it, for the fixed codes; the dynamic rows ("DEV_*") are looked at after. */
    private final java.util.Map<String, Phrase> byCode = new java.util.HashMap<>();

    ErrorPhrases(JsonNode root) {
        List<Phrase> list = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode p : root.path("phrases")) {
            String id = p.path("id").asText("");
            String code = p.path("code").asText("");
            Pattern regex = p.hasNonNull("regex") ? Pattern.compile(p.get("regex").asText()) : null;
            boolean fus = p.path("fusToken").asBoolean(false);
            Phrase row = new Phrase(id, lowerOrNull(p, "prefix"), lowerOrNull(p, "suffix"), strings(p.path("all")),
                    strings(p.path("any")), regex, fus, code, p.path("neverReachedDevice").asBoolean(false),
                    p.path("connection").asBoolean(false), p.path("proves").asBoolean(false),
                    p.path("source").asText(""));
            boolean matchesSomething = row.prefix() != null || row.suffix() != null || !row.all().isEmpty()
                    || !row.any().isEmpty() || regex != null || fus;
            if (id.isEmpty() || code.isEmpty() || row.source().isBlank() || !matchesSomething || !ids.add(id)
                    || (regex != null || fus) != row.dynamic() || (regex != null && regex.matcher("").groupCount() < 1)) {
                throw new IllegalStateException(FILE + ": incomplete, duplicate or inconsistent phrase " + p);
            }
            if (row.neverReachedDevice() && !row.connection()) {
                throw new IllegalStateException(FILE + ": " + id + " never reached a device but is no connection error");
            }
            list.add(row);
        }
        if (list.isEmpty()) {
            throw new IllegalStateException(FILE + ": no phrases");
        }
        this.phrases = List.copyOf(list);
        for (Phrase p : phrases) {
            if (!p.dynamic()) {
                byCode.putIfAbsent(p.code(), p);
            }
        }
    }

    public static ErrorPhrases bundled() {
        return Holder.BUNDLED;
    }

    public List<Phrase> phrases() {
        return phrases;
    }

    /** The code of an error or warning message: the first matching row's, else ERROR or WARNING. */
    public String classify(String message, boolean warning) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (Phrase p : phrases) {
            String code = p.match(message, lower);
            if (code != null) {
                return code;
            }
        }
        return warning ? "WARNING" : "ERROR";
    }

    /** The row that gives a code (for "DEV_*" rows, any DEV_ code), if any. */
    public Optional<Phrase> rowOf(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Phrase exact = byCode.get(code);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Phrase p : phrases) {
            if (!p.fusToken() && p.covers(code)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The code means no device was reached: nothing changed, a retry is safe. */
    public boolean neverReachedDevice(String code) {
        return rowOf(code).map(Phrase::neverReachedDevice).orElse(false);
    }

    /** The code is an error of the connection rather than of an operation. */
    public boolean connection(String code) {
        return rowOf(code).map(Phrase::connection).orElse(false);
    }

    /** A line with this code alone shows the text is CubeProgrammer's (FUS codes always do). */
    public boolean proves(String code) {
        return rowOf(code).map(Phrase::proves).orElse(false) || FusCodes.lookup(code).isPresent();
    }

    private static String firstFusToken(String message) {
        Matcher m = FUS_TOKEN.matcher(message);
        String first = null;
        while (m.find()) {
            var c = FusCodes.lookup(m.group(1));
            if (c.isPresent()) {
                return c.get().name();
            }
            if (first == null) {
                first = m.group(1).toUpperCase(Locale.ROOT);
            }
        }
        return first;
    }

    private static String lowerOrNull(JsonNode p, String field) {
        return p.hasNonNull(field) ? p.get(field).asText().toLowerCase(Locale.ROOT) : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
        return List.copyOf(out);
    }

    private static final class Holder {
        static final ErrorPhrases BUNDLED = load();

        private static ErrorPhrases load() {
            return new ErrorPhrases(RuleFiles.bundled().read("programmer-errors.json"));
        }
    }
}
