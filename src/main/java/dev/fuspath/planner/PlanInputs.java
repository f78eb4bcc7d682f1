package dev.fuspath.planner;

import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.image.FirmwareVersion;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what people type or copy from STM32CubeProgrammer into plan inputs. */
public final class PlanInputs {

    public static final String FUS_FORMS = "a version such as 1.2.0 or v1.2.0, or the word read at 0x20030030"
            + " such as 01020000 or 0x01020000";
    public static final String STACK_FORMS = "'none', or a stack name with its version such as"
            + " 'BLE_Stack_full 1.13.1' or 'BLE_Stack_full@v1.13.1'";

    private static final Pattern WORD = Pattern.compile("(?:0[xX])?([0-9a-fA-F]{8})");
    private static final Pattern STACK = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_.]*?)(?:\\s*[@:\\s]\\s*|_)[vV]?(\\d{1,3}\\.\\d{1,3}(?:\\.\\d{1,3})?)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,80}");

    private PlanInputs() {
    }

    /** A stack as the device has it: a name and a version, or none. */
    public record InstalledStack(String name, FirmwareVersion version) {
        public static final InstalledStack NONE = new InstalledStack(null, null);

        public boolean none() {
            return name == null;
        }

        @Override
        public String toString() {
            return none() ? "none" : version == null ? name : name + " " + version;
        }
    }

    public static FirmwareVersion fus(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("fus is required: " + FUS_FORMS);
        }
        String t = text.strip();
        Matcher word = WORD.matcher(t);
        if (word.matches()) {
            FirmwareVersion v = FirmwareVersion.fromWord(Long.parseLong(word.group(1), 16));
            if (v != null) {
                return FirmwareVersion.of(v.major(), v.minor(), v.sub());
            }
        }
        FirmwareVersion v = FirmwareVersion.parse(t);
        if (v == null || !t.matches("[vV]?\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("fus must be " + FUS_FORMS + ", not '" + abbreviate(t) + "'");
        }
        return v;
    }

    /** The installed stack; names go through {@code canonicalName}, e.g. alias and file-name resolution. */
    public static InstalledStack stack(String text, java.util.function.UnaryOperator<String> canonicalName) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return InstalledStack.NONE;
        }
        String t = text.strip();
        Matcher m = STACK.matcher(t);
        if (m.matches()) {
            FirmwareVersion version = FirmwareVersion.parse(m.group(2));
            if (version == null) {
                throw new IllegalArgumentException("stack version " + m.group(2) + " is no version a stack can have"
                        + " (each part 0 to 255); stack must be " + STACK_FORMS);
            }
            return new InstalledStack(canonicalName.apply(m.group(1)), version);
        }
        if (NAME.matcher(t).matches()) {
            return new InstalledStack(canonicalName.apply(t), null);
        }
        throw new IllegalArgumentException("stack must be " + STACK_FORMS + ", not '" + abbreviate(t) + "'");
    }

    public static InterfaceKind iface(String text) {
        if (text == null || text.isBlank()) {
            return InterfaceKind.SWD;
        }
        return InterfaceKind.ofOption(text).orElseThrow(() -> new IllegalArgumentException(
                "interface must be swd or usb, not '" + abbreviate(text) + "'"));
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
