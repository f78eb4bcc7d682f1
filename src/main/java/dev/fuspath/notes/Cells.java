package dev.fuspath.notes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading of the text found in the cells and headings of the release notes. */
final class Cells {
    private Cells() {
    }

    /** What one address cell says. */
    record AddressCell(String address, boolean notAvailable, boolean zeroPlaceholder, String remark) {
        static final AddressCell EMPTY = new AddressCell(null, false, false, null);
    }

    private static final Pattern NOT_AVAILABLE =
            Pattern.compile("(?i)^(n\\s*/\\s*a|n\\.a\\.?|na|-+|\u2013|\u2014|none|not available)(?=$|[\\s(\\[*:,;])(.*)$");
    private static final Pattern HEX_START = Pattern.compile("(?<![0-9A-Za-z])0[xX]([0-9A-Fa-f]+)");
    /** A further hex group after a space, as in "0x080 EC 000" (text extracted around bold digits). */
    private static final Pattern HEX_CONTINUATION = Pattern.compile("\\G[ ]+([0-9A-Fa-f]{2,})(?![0-9A-Za-z])");
    private static final int ADDRESS_DIGITS = 8;

    private static final Pattern VERSION = Pattern.compile("(?<![\\d.])[vV]?\\s?(\\d+(?:\\.\\d+)+)");
    private static final Pattern SIZE_IN_PARENS = Pattern.compile("\\(\\s*(\\d+)\\s*([KkMm])(?:[Bb]|ytes)?\\s*\\)");
    private static final Pattern PART_NUMBER = Pattern.compile("(?i)STM32WB(\\d)\\w*?([CEGY])\\b");
    private static final Map<String, String> SIZE_BY_SUFFIX = Map.of(
            "G", "1M", "Y", "640K", "E", "512K", "C", "256K");

    private static final Pattern DAY_MONTH_YEAR =
            Pattern.compile("(?i)(\\d{1,2})(?:st|nd|rd|th)?[\\s\\-/.]+([a-z]{3,})\\.?[\\s\\-/.,]+(\\d{4})");
    private static final Pattern MONTH_DAY_YEAR =
            Pattern.compile("(?i)([a-z]{3,})\\.?[\\s\\-]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s\\-]+(\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /** Collapses whitespace (no-break spaces included), drops zero-width characters and trims. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return text.replace('\u00A0', ' ').replace("\u200B", "").replace("\uFEFF", "")
                .replaceAll("\\s+", " ").trim();
    }

    static AddressCell address(String rawText) {
        String text = clean(rawText);
        if (text.isEmpty()) {
            return AddressCell.EMPTY;
        }
        Matcher notAvailable = NOT_AVAILABLE.matcher(text);
        if (notAvailable.matches()) {
            return new AddressCell(null, true, false, remarkOrNull(notAvailable.group(2)));
        }
        List<HexToken> tokens = hexTokens(text);
        HexToken main = tokens.stream().filter(HexToken::isFlashAddress).findFirst().orElse(null);
        if (main != null) {
            String rest = text.substring(0, main.start) + " " + text.substring(main.end);
            return new AddressCell(main.normalized(), false, false, remarkOrNull(rest));
        }
        HexToken zero = tokens.stream().filter(HexToken::isZero).findFirst().orElse(null);
        if (zero != null) {
            String rest = text.substring(0, zero.start) + " " + text.substring(zero.end);
            return new AddressCell(null, true, true, remarkOrNull(rest));
        }
        return new AddressCell(null, false, false, text);
    }

    private record HexToken(int start, int end, String digits) {
        boolean isZero() {
            return digits.chars().allMatch(c -> c == '0');
        }

        boolean isFlashAddress() {
            return digits.length() <= ADDRESS_DIGITS && !isZero() && (Long.parseLong(digits, 16) >>> 24) == 0x08;
        }

        String normalized() {
            return String.format("0x%08X", Long.parseLong(digits, 16));
        }
    }

    private static List<HexToken> hexTokens(String text) {
        List<HexToken> tokens = new ArrayList<>();
        Matcher start = HEX_START.matcher(text);
        while (start.find()) {
            StringBuilder digits = new StringBuilder(start.group(1));
            int end = start.end();
            Matcher continuation = HEX_CONTINUATION.matcher(text);
            while (digits.length() < ADDRESS_DIGITS && continuation.find(end)
                    && digits.length() + continuation.group(1).length() <= ADDRESS_DIGITS) {
                digits.append(continuation.group(1));
                end = continuation.end();
            }
            if (digits.length() <= 16) {
                tokens.add(new HexToken(start.start(), end, digits.toString()));
            }
        }
        return tokens;
    }

    /** Annotation text around a value: trimmed, without surrounding brackets or separators; null when nothing is left. */
    static String remarkOrNull(String text) {
        String remark = clean(text);
        String previous;
        do {
            previous = remark;
            remark = remark.replaceAll("^[\\s,;:/|]+|[\\s,;:/|]+$", "");
            if (encloses(remark, '(', ')') || encloses(remark, '[', ']')) {
                remark = remark.substring(1, remark.length() - 1).trim();
            }
        } while (!remark.equals(previous));
        return remark.isEmpty() ? null : remark;
    }

    private static boolean encloses(String text, char open, char close) {
        return text.length() >= 2 && text.charAt(0) == open && text.charAt(text.length() - 1) == close
                && text.indexOf(close) == text.length() - 1;
    }

    /** "V1.24.0" -> "1.24.0"; null when the text holds no dotted version number. */
    static String version(String text) {
        Matcher matcher = VERSION.matcher(clean(text));
        return matcher.find() ? matcher.group(1) : null;
    }

    static boolean isFusV2Only(String compatibility) {
        String squashed = clean(compatibility).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return squashed.matches(".*fusv?2\\d*only.*");
    }

    /**
     * Flash label of a column header or device cell: "STM32WB5xxY(640k)" -> "640K", "STM32WB5xxG(1M)" -> "1M";
     * without a size in brackets, the part number's flash letter is used. Null when neither is there.
     */
    static String flashLabel(String text) {
        String cleaned = clean(text);
        Matcher size = SIZE_IN_PARENS.matcher(cleaned);
        if (size.find()) {
            long amount = Long.parseLong(size.group(1).length() > 9 ? "0" : size.group(1));
            boolean mega = size.group(2).equalsIgnoreCase("M");
            if (!mega && amount == 1024) {
                return "1M";
            }
            return amount + (mega ? "M" : "K");
        }
        Matcher part = PART_NUMBER.matcher(cleaned);
        if (part.find()) {
            String letter = part.group(2).toUpperCase(Locale.ROOT);
            // STM32WB15xC and STM32WB10xC have 320 KB.
            return part.group(1).equals("1") && letter.equals("C") ? "320K" : SIZE_BY_SUFFIX.get(letter);
        }
        return null;
    }

    /** Date of a section heading as ISO yyyy-MM-dd ("3rd-July-2019" -> "2019-07-03"), or null. */
    static String isoDate(String text) {
        String cleaned = clean(text);
        Matcher dmy = DAY_MONTH_YEAR.matcher(cleaned);
        if (dmy.find()) {
            String date = date(dmy.group(3), month(dmy.group(2)), dmy.group(1));
            if (date != null) {
                return date;
            }
        }
        Matcher mdy = MONTH_DAY_YEAR.matcher(cleaned);
        if (mdy.find()) {
            String date = date(mdy.group(3), month(mdy.group(1)), mdy.group(2));
            if (date != null) {
                return date;
            }
        }
        Matcher iso = ISO_DATE.matcher(cleaned);
        if (iso.find()) {
            return date(iso.group(1), Integer.parseInt(iso.group(2)), iso.group(3));
        }
        return null;
    }

    private static int month(String name) {
        return MONTHS.indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
    }

    private static String date(String year, int month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)).toString();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
