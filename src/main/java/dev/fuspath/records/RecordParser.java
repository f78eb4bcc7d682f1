package dev.fuspath.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a batch {@code {"records": [...]}} of board records, checking every field; collects every error (up to
 * {@link #MAX_ERRORS}) with the record's index and the field's name, so a station learns all that is wrong at once.
 * Unknown fields are errors too: a misspelt optional field would otherwise vanish silently.
 */
public final class RecordParser {

    public static final int MAX_ERRORS = 50;
    static final int MAX_STEPS = 64;
    static final int MAX_TEXT = 500;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern UID = Pattern.compile("[0-9A-Fa-f]{24}");
    private static final Pattern DEVICE_ID = Pattern.compile("0x[0-9A-Fa-f]{3}");
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern TAG = Pattern.compile("v[0-9]+\\.[0-9]+\\.[0-9]+");

    static final Set<String> FIELDS = Set.of("recordId", "boardUid", "deviceId", "flashKiB", "station", "lane",
            "operator", "startedAt", "endedAt", "fusBefore", "fusAfter", "stackBefore", "stackAfter", "planId",
            "release", "steps", "failure", "appSha256", "outcome");
    private static final Set<String> STEP_FIELDS = Set.of("name", "file", "durationMs", "outcome");
    private static final Set<String> FAILURE_FIELDS = Set.of("code", "cause", "fix");

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private RecordParser() {
    }

    /**
     * {@link Instant#parse}, with a fast path for the form stations send ({@code 2026-12-01T08:30:00Z}, optionally
     * with a fraction of up to 9 digits): Instant.parse was the largest cost of an upload (about a tenth of the
     * service's time per record). Anything else (another form, a value out of range, a leap second) goes to
     * Instant.parse, so what is accepted, and as what instant, does not change.
     */
    static Instant parseInstant(String s) {
        int n = s.length();
        if (n >= 20 && s.charAt(n - 1) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T'
                && s.charAt(13) == ':' && s.charAt(16) == ':' && (n == 20 || s.charAt(19) == '.' && n >= 22 && n <= 30)) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int nanos = 0;
            if (n > 20) {
                int fraction = digits(s, 20, n - 21);
                nanos = fraction < 0 ? -1 : fraction * POWERS[9 - (n - 21)];
            }
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                    && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && nanos >= 0
                    && day <= java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                        .toInstant(java.time.ZoneOffset.UTC);
            }
        }
        return Instant.parse(s);
    }

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
            1_000_000_000};

    /** The decimal number of {@code length} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The records of a batch document, or a {@link RecordFormatException} listing what is wrong. */
    public static List<BoardRecord> batch(JsonNode document) {
        if (document == null || !document.isObject() || !document.path("records").isArray()) {
            throw new RecordFormatException(List.of("records: the body must be a JSON object {\"records\": [...]}"));
        }
        List<String> errors = new ArrayList<>();
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("records")) {
                errors.add(abbreviate(name) + ": unknown field (a batch has only \"records\")");
            }
        }
        List<BoardRecord> records = new ArrayList<>();
        JsonNode array = document.get("records");
        for (int i = 0; i < array.size() && errors.size() < MAX_ERRORS; i++) {
            Reader reader = new Reader("records[" + i + "]", errors);
            BoardRecord record = reader.record(array.get(i));
            if (record != null) {
                records.add(record);
            }
        }
        if (!errors.isEmpty()) {
            throw new RecordFormatException(errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors);
        }
        return records;
    }

    /** One record (as the store keeps it), checked the same way. */
    public static BoardRecord record(JsonNode node) {
        List<String> errors = new ArrayList<>();
        BoardRecord record = new Reader("record", errors).record(node);
        if (!errors.isEmpty()) {
            throw new RecordFormatException(errors);
        }
        return record;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static final class Reader {
        private final String at;
        private final List<String> errors;
        private int before;

        Reader(String at, List<String> errors) {
            this.at = at;
            this.errors = errors;
        }

        BoardRecord record(JsonNode node) {
            before = errors.size();
            if (node == null || !node.isObject()) {
                errors.add(at + ": must be a JSON object");
                return null;
            }
            unknown(node, FIELDS, at);
            String recordId = text(node, "recordId", true, ID, "1 to 64 letters, digits or . _ : - (chosen by the"
                    + " station, the same on every upload of the attempt)").orElse(null);
            String uid = text(node, "boardUid", true, UID, "24 hexadecimal digits (the 96-bit unique ID)")
                    .map(u -> u.toUpperCase(Locale.ROOT)).orElse(null);
            String deviceId = text(node, "deviceId", true, DEVICE_ID, "0x and 3 hexadecimal digits, e.g. 0x495")
                    .map(d -> "0x" + d.substring(2).toUpperCase(Locale.ROOT)).orElse(null);
            int flash = integer(node, "flashKiB", 1, 4096);
            String station = text(node, "station", true, NAME, "1 to 64 letters, digits or . _ -").orElse(null);
            String lane = text(node, "lane", true, NAME, "1 to 64 letters, digits or . _ - (the probe's serial"
                    + " number or USB port)").orElse(null);
            Optional<String> operator = free(node, "operator", 64);
            Instant started = instant(node, "startedAt");
            Instant ended = instant(node, "endedAt");
            if (started != null && ended != null && ended.isBefore(started)) {
                errors.add(at + ".endedAt: is before startedAt");
            }
            Optional<String> fusBefore = text(node, "fusBefore", false, VERSION, "a version such as 1.2.0");
            Optional<String> fusAfter = text(node, "fusAfter", false, VERSION, "a version such as 1.2.0");
            Optional<String> stackBefore = free(node, "stackBefore", 80);
            Optional<String> stackAfter = free(node, "stackAfter", 80);
            Optional<String> planId = text(node, "planId", false, ID, "1 to 64 letters, digits or . _ : -");
            Optional<String> release = text(node, "release", false, TAG, "a release tag such as v1.23.0");
            List<BoardRecord.Step> steps = steps(node.get("steps"));
            Optional<BoardRecord.Failure> failure = failure(node.get("failure"));
            Optional<String> app = text(node, "appSha256", false, SHA256, "64 lower-case hexadecimal digits");
            Outcome outcome = null;
            JsonNode o = node.get("outcome");
            if (o == null || o.isNull()) {
                errors.add(at + ".outcome: missing (one of " + String.join(", ", Outcome.names()) + ")");
            } else {
                outcome = o.isTextual() ? Outcome.parse(o.asText()).orElse(null) : null;
                if (outcome == null) {
                    errors.add(at + ".outcome: must be one of " + String.join(", ", Outcome.names()));
                }
            }
            if (outcome == Outcome.PASSED && failure.isPresent()) {
                errors.add(at + ".failure: a passed attempt has no failure");
            }
            if (outcome != null && outcome != Outcome.PASSED && !node.hasNonNull("failure")) {
                errors.add(at + ".failure: missing (an attempt that did not pass says why)");
            }
            if (errors.size() > before) {
                return null;
            }
            return new BoardRecord(recordId, uid, deviceId, flash, station, lane, operator, started, ended,
                    fusBefore, fusAfter, stackBefore, stackAfter, planId, release, steps, failure, app, outcome);
        }

        private void unknown(JsonNode node, Set<String> known, String where) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    errors.add(where + "." + abbreviate(name) + ": unknown field");
                }
            }
        }

        private Optional<String> text(JsonNode node, String field, boolean required, Pattern pattern, String what) {
            return text(node, field, at, required, pattern, what);
        }

        private Optional<String> text(JsonNode node, String field, String where, boolean required, Pattern pattern,
                                      String what) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    errors.add(where + "." + field + ": missing (" + what + ")");
                }
                return Optional.empty();
            }
            if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
                errors.add(where + "." + field + ": must be " + what);
                return Optional.empty();
            }
            return Optional.of(value.asText());
        }

        private Optional<String> free(JsonNode node, String field, int max) {
            return free(node, field, at, max);
        }

        private Optional<String> free(JsonNode node, String field, String where, int max) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max
                    || hasControl(value.asText())) {
                errors.add(where + "." + field + ": must be text of 1 to " + max + " characters, no control"
                        + " characters");
                return Optional.empty();
            }
            return Optional.of(value.asText());
        }

        private static boolean hasControl(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    return true;
                }
            }
            return false;
        }

        private int integer(JsonNode node, String field, int min, int max) {
            JsonNode value = node.get(field);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min
                    || value.asInt() > max) {
                errors.add(at + "." + field + ": " + (value == null ? "missing (" : "must be ") + "an integer from "
                        + min + " to " + max + (value == null ? ")" : ""));
                return 0;
            }
            return value.asInt();
        }

        private Instant instant(JsonNode node, String field) {
            JsonNode value = node.get(field);
            String expected = "an RFC 3339 time in UTC, e.g. 2026-12-01T08:30:00Z";
            if (value == null || value.isNull()) {
                errors.add(at + "." + field + ": missing (" + expected + ")");
                return null;
            }
            try {
                if (!value.isTextual() || value.asText().length() > 40) {
                    throw new DateTimeParseException("", "", 0);
                }
                Instant instant = parseInstant(value.asText());
                if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                    errors.add(at + "." + field + ": must be between 2000 and 2200");
                    return null;
                }
                // the store keeps microseconds (PostgreSQL's precision): the canonical record says what is kept
                return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            } catch (DateTimeParseException e) {
                errors.add(at + "." + field + ": must be " + expected);
                return null;
            }
        }

        private List<BoardRecord.Step> steps(JsonNode node) {
            if (node == null || node.isNull()) {
                errors.add(at + ".steps: missing (a list, empty when no step ran)");
                return List.of();
            }
            if (!node.isArray() || node.size() > MAX_STEPS) {
                errors.add(at + ".steps: must be a list of at most " + MAX_STEPS + " steps");
                return List.of();
            }
            List<BoardRecord.Step> steps = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String where = at + ".steps[" + i + "]";
                JsonNode step = node.get(i);
                if (!step.isObject()) {
                    errors.add(where + ": must be a JSON object");
                    continue;
                }
                int errorsBefore = errors.size();
                unknown(step, STEP_FIELDS, where);
                Optional<String> name = free(step, "name", where, 200);
                if (!step.hasNonNull("name")) {
                    errors.add(where + ".name: missing");
                }
                Optional<String> file = free(step, "file", where, 200);
                JsonNode duration = step.get("durationMs");
                if (duration == null || !duration.isIntegralNumber() || !duration.canConvertToLong()
                        || duration.asLong() < 0 || duration.asLong() > 86_400_000L) {
                    errors.add(where + ".durationMs: must be an integer of milliseconds from 0 to 86400000");
                }
                StepOutcome outcome = step.path("outcome").isTextual()
                        ? StepOutcome.parse(step.get("outcome").asText()).orElse(null) : null;
                if (outcome == null) {
                    errors.add(where + ".outcome: must be one of " + String.join(", ", StepOutcome.names()));
                }
                if (errors.size() == errorsBefore) {
                    steps.add(new BoardRecord.Step(name.orElseThrow(), file, duration.asLong(), outcome));
                }
            }
            return steps;
        }

        private Optional<BoardRecord.Failure> failure(JsonNode node) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            String where = at + ".failure";
            if (!node.isObject()) {
                errors.add(where + ": must be a JSON object {code, cause, fix}");
                return Optional.empty();
            }
            int errorsBefore = errors.size();
            unknown(node, FAILURE_FIELDS, where);
            Optional<String> code = text(node, "code", where, true, CODE,
                    "1 to 64 lower-case letters, digits or . _ -");
            Optional<String> cause = free(node, "cause", where, MAX_TEXT);
            Optional<String> fix = free(node, "fix", where, MAX_TEXT);
            return errors.size() == errorsBefore ? Optional.of(new BoardRecord.Failure(code.orElseThrow(), cause, fix))
                    : Optional.empty();
        }
    }
}
