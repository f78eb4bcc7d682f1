package dev.fuspath.programmer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The STM32_Programmer_CLI commands fuspath runs or reads, as values: each renders its argument list and
 * {@link #parse(List)} reads a list back (a clear {@link IllegalArgumentException} for anything else). The planner's
 * step commands, the executor's calls and the option-byte lists of rules/procedures.json go through it.
 *
 * <p>Spellings, from ST's release notes and UM2237 as the corpus logs show them: {@code -c port=swd mode=UR},
 * {@code -c port=usb1}, {@code -r32 0x20030030 1} (a size in bytes), {@code -fwupgrade FILE 0x080EC000 firstinstall=0 [startstack=1]},
 * {@code -fwdelete}, {@code -startfus}, {@code -startwirelessstack}, {@code -antirollback}, {@code -ob displ},
 * {@code -ob nSWboot0=1 nboot1=1 nboot0=1}, {@code -l st-link}, {@code -l usb}.
 */
public sealed interface ProgrammerCommand {

    /** The arguments this command adds to a STM32_Programmer_CLI command line, in order. */
    List<String> arguments();

    /** The parser's name for what it does. */
    Operation.Kind kind();

    /**
     * What {@link #parse} and the records' checks throw: an {@link IllegalArgumentException} with the message, without
     * a stack trace (a log's command lines are read with this grammar too, {@link #readLeniently}, and a pasted log
     * may hold thousands of malformed ones: filling a stack trace for each would dominate the parse).
     */
    final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]{1,8}");
    Pattern USB_PORT = Pattern.compile("usb[1-9][0-9]?");
    Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");
    Pattern OPTION_VALUE = Pattern.compile("0[xX][0-9a-fA-F]{1,8}|[0-9]{1,10}");
    Pattern SERIAL = Pattern.compile("[A-Za-z0-9]{1,64}");

    /** {@code -c port=swd|usbN [sn=...] [mode=UR|HOTPLUG|NORMAL|POWERDOWN]}. */
    record Connect(String port, String serial, String mode) implements ProgrammerCommand {
        public static final Set<String> MODES = Set.of("UR", "HOTPLUG", "NORMAL", "POWERDOWN");

        public Connect {
            if (port == null || !(port.equals("swd") || USB_PORT.matcher(port).matches())) {
                throw new Refused("port must be swd or usb1..usb99, not " + port);
            }
            if (serial != null && !SERIAL.matcher(serial).matches()) {
                throw new Refused("sn must be letters and digits, not " + serial);
            }
            if (mode != null && !MODES.contains(mode)) {
                throw new Refused("mode must be one of UR, HOTPLUG, NORMAL, POWERDOWN, not " + mode);
            }
        }

        /** port=swd, or port=usb1 for "usb". */
        public static Connect of(InterfaceKind iface) {
            return new Connect(iface == InterfaceKind.USB ? "usb1" : "swd", null, null);
        }

        public Connect withMode(String m) {
            return new Connect(port, serial, m);
        }

        public InterfaceKind interfaceKind() {
            return port.equals("swd") ? InterfaceKind.SWD : InterfaceKind.USB;
        }

        @Override
        public List<String> arguments() {
            List<String> a = new ArrayList<>(List.of("-c", "port=" + port));
            if (serial != null) {
                a.add("sn=" + serial);
            }
            if (mode != null) {
                a.add("mode=" + mode);
            }
            return List.copyOf(a);
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.CONNECT;
        }
    }

    /**
     * {@code -r32 ADDRESS SIZE}, SIZE in bytes: the tool reads whole 32-bit words, SIZE rounded up to a multiple of
     * four. The corpus shows it: {@code -r32 0x20030024 50} prints "Size : 52 Bytes" and 13 words
     * (st-177360-r32-device-info-table-swd-hotplug-v2.5.log), {@code -r32 0x20030030 4} and {@code -r32 0x20030030 1}
     * print "Size : 4 Bytes" and one word (st-177360, gh-mbed-os-stm32wb-readme-usb-v2.3.log).
     */
    record Read32(String address, int bytes) implements ProgrammerCommand {
        /** The largest SIZE fuspath writes or reads back (64 KiB; the device information table is 28 bytes). */
        public static final int MAX_BYTES = 0x10000;

        public Read32 {
            requireHex(address, "-r32 address");
            if (bytes < 1 || bytes > MAX_BYTES) {
                throw new Refused("-r32 reads 1 to " + MAX_BYTES + " bytes, not " + bytes);
            }
        }

        public long addressValue() {
            return Long.parseLong(address.substring(2), 16);
        }

        /** The 32-bit words the tool reads: the size rounded up to whole words. */
        public int words() {
            return (bytes + 3) / 4;
        }

        @Override
        public List<String> arguments() {
            return List.of("-r32", address, String.valueOf(bytes));
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.READ;
        }
    }

    /** {@code -fwupgrade FILE ADDRESS [firstinstall=0|1] [startstack=0|1]}; null options are not written. */
    record FwUpgrade(String file, String address, Boolean firstInstall, Boolean startStack) implements ProgrammerCommand {
        public FwUpgrade {
            if (file == null || file.isBlank() || file.startsWith("-") || file.contains("=")) {
                throw new Refused("-fwupgrade needs a file name, not " + file);
            }
            requireHex(address, "-fwupgrade address");
        }

        public long addressValue() {
            return Long.parseLong(address.substring(2), 16);
        }

        @Override
        public List<String> arguments() {
            List<String> a = new ArrayList<>(List.of("-fwupgrade", file, address));
            if (firstInstall != null) {
                a.add("firstinstall=" + (firstInstall ? 1 : 0));
            }
            if (startStack != null) {
                a.add("startstack=" + (startStack ? 1 : 0));
            }
            return List.copyOf(a);
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.FWUPGRADE;
        }
    }

    /** {@code -fwdelete}. */
    record FwDelete() implements ProgrammerCommand {
        @Override
        public List<String> arguments() {
            return List.of("-fwdelete");
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.FWDELETE;
        }
    }

    /** {@code -startfus}. */
    record StartFus() implements ProgrammerCommand {
        @Override
        public List<String> arguments() {
            return List.of("-startfus");
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.STARTFUS;
        }
    }

    /** {@code -startwirelessstack}. */
    record StartWirelessStack() implements ProgrammerCommand {
        @Override
        public List<String> arguments() {
            return List.of("-startwirelessstack");
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.STARTWIRELESSSTACK;
        }
    }

    /** {@code -antirollback}. */
    record AntiRollback() implements ProgrammerCommand {
        @Override
        public List<String> arguments() {
            return List.of("-antirollback");
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.ANTIROLLBACK;
        }
    }

    /** {@code -ob displ} (values empty), or {@code -ob NAME=VALUE...} in the given order. */
    record OptionBytes(Map<String, String> values) implements ProgrammerCommand {
        public OptionBytes {
            Map<String, String> copy = new LinkedHashMap<>();
            values.forEach((k, v) -> {
                if (!OPTION_NAME.matcher(k).matches() || v == null || !OPTION_VALUE.matcher(v).matches()) {
                    throw new Refused("-ob takes NAME=VALUE (a number), not " + k + "=" + v);
                }
                copy.put(k, v);
            });
            values = Collections.unmodifiableMap(copy);
        }

        public static OptionBytes display() {
            return new OptionBytes(Map.of());
        }

        public boolean isDisplay() {
            return values.isEmpty();
        }

        @Override
        public List<String> arguments() {
            List<String> a = new ArrayList<>(List.of("-ob"));
            if (values.isEmpty()) {
                a.add("displ");
            }
            values.forEach((k, v) -> a.add(k + "=" + v));
            return List.copyOf(a);
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.OPTIONBYTES;
        }
    }

    /** {@code -l st-link} or {@code -l usb}: lists the probes or DFU devices, connecting to nothing. */
    record ListProbes(String which) implements ProgrammerCommand {
        public ListProbes {
            if (!"st-link".equals(which) && !"usb".equals(which)) {
                throw new Refused("-l lists st-link or usb, not " + which);
            }
        }

        @Override
        public List<String> arguments() {
            return List.of("-l", which);
        }

        @Override
        public Operation.Kind kind() {
            return Operation.Kind.OTHER;
        }
    }

    /** The argument list of several commands, in order. */
    static List<String> render(List<? extends ProgrammerCommand> commands) {
        List<String> out = new ArrayList<>();
        for (ProgrammerCommand c : commands) {
            out.addAll(c.arguments());
        }
        return List.copyOf(out);
    }

    /** The commands of an argument list, or an IllegalArgumentException naming the argument that is not one. */
    static List<ProgrammerCommand> parse(List<String> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            throw new Refused("no STM32_Programmer_CLI arguments");
        }
        List<ProgrammerCommand> out = new ArrayList<>();
        int i = 0;
        while (i < arguments.size()) {
            String option = arguments.get(i);
            if (option == null) {
                throw new Refused("argument " + (i + 1) + " is null");
            }
            List<String> operands = new ArrayList<>();
            int j = i + 1;
            while (j < arguments.size() && arguments.get(j) != null && !arguments.get(j).startsWith("-")) {
                operands.add(arguments.get(j));
                j++;
            }
            out.add(one(option, operands, i + 1));
            i = j;
        }
        return List.copyOf(out);
    }

    private static ProgrammerCommand one(String option, List<String> operands, int position) {
        String where = "argument " + position + " (" + option + ")";
        switch (option.toLowerCase(Locale.ROOT)) {
            case "-c", "--connect" -> {
                String port = null;
                String sn = null;
                String mode = null;
                for (String kv : operands) {
                    int eq = kv.indexOf('=');
                    String k = eq < 0 ? kv : kv.substring(0, eq).toLowerCase(Locale.ROOT);
                    String v = eq < 0 ? "" : kv.substring(eq + 1);
                    switch (k) {
                        case "port" -> port = v.toLowerCase(Locale.ROOT);
                        case "sn" -> sn = v;
                        case "mode" -> mode = v.toUpperCase(Locale.ROOT);
                        default -> throw new Refused(where + ": unknown connection setting " + kv);
                    }
                }
                String p = port;
                String n = sn;
                String md = mode;
                return wrap(where, () -> new Connect(p, n, md));
            }
            case "-r32" -> {
                expect(where, operands, 2, 2);
                int bytes = size(where, operands.get(1));
                return wrap(where, () -> new Read32(operands.get(0), bytes));
            }
            case "-fwupgrade" -> {
                expect(where, operands, 2, 4);
                Boolean first = null;
                Boolean start = null;
                for (String kv : operands.subList(2, operands.size())) {
                    String k = kv.toLowerCase(Locale.ROOT);
                    if (k.equals("firstinstall=0") || k.equals("firstinstall=1")) {
                        first = k.endsWith("1");
                    } else if (k.equals("startstack=0") || k.equals("startstack=1")) {
                        start = k.endsWith("1");
                    } else {
                        throw new Refused(where + ": unknown -fwupgrade option " + kv);
                    }
                }
                Boolean f = first;
                Boolean s = start;
                return wrap(where, () -> new FwUpgrade(operands.get(0), operands.get(1), f, s));
            }
            case "-fwdelete" -> {
                expect(where, operands, 0, 0);
                return new FwDelete();
            }
            case "-startfus" -> {
                expect(where, operands, 0, 0);
                return new StartFus();
            }
            case "-startwirelessstack" -> {
                expect(where, operands, 0, 0);
                return new StartWirelessStack();
            }
            case "-antirollback" -> {
                expect(where, operands, 0, 0);
                return new AntiRollback();
            }
            case "-ob", "--optionbytes" -> {
                if (operands.size() == 1 && operands.get(0).equalsIgnoreCase("displ")) {
                    return OptionBytes.display();
                }
                if (operands.isEmpty()) {
                    throw new Refused(where + ": give displ or NAME=VALUE settings");
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (String kv : operands) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || values.put(kv.substring(0, eq), kv.substring(eq + 1)) != null) {
                        throw new Refused(where + ": " + kv + " is no NAME=VALUE, or sets a name twice");
                    }
                }
                return wrap(where, () -> new OptionBytes(values));
            }
            case "-l", "--list" -> {
                expect(where, operands, 1, 1);
                return wrap(where, () -> new ListProbes(operands.get(0).toLowerCase(Locale.ROOT)));
            }
            default -> throw new Refused(where + ": not a STM32_Programmer_CLI command fuspath knows"
                    + " (-c, -r32, -fwupgrade, -fwdelete, -startfus, -startwirelessstack, -antirollback, -ob, -l)");
        }
    }

    /**
     * The operation kinds an argument list asks for, leniently ({@link #readLeniently}): unknown options are skipped
     * (for logs, and for deciding whether a call's output is an assumed shape). Never throws.
     */
    static Set<Operation.Kind> kindsOf(List<String> arguments) {
        Set<Operation.Kind> kinds = EnumSet.noneOf(Operation.Kind.class);
        readLeniently(arguments).commands().forEach(c -> kinds.add(c.kind()));
        return kinds;
    }

    /**
     * The operation an option of STM32_Programmer_CLI asks for, as logs show them: fuspath's own commands (the ones
     * {@link #parse} reads) and the other operations a log may hold (writes, downloads, erases, other reads, start);
     * null for an option that is no operation (-q, -v, -log, -vb, -rst...) or that nobody documents.
     */
    static Operation.Kind kindOfOption(String option) {
        if (option == null) {
            return null;
        }
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "-c", "--connect" -> Operation.Kind.CONNECT;
            case "-r32", "-r16", "-r8", "-r", "--read", "-u", "--upload" -> Operation.Kind.READ;
            case "-fwupgrade" -> Operation.Kind.FWUPGRADE;
            case "-fwdelete" -> Operation.Kind.FWDELETE;
            case "-startfus" -> Operation.Kind.STARTFUS;
            case "-startwirelessstack" -> Operation.Kind.STARTWIRELESSSTACK;
            case "-antirollback" -> Operation.Kind.ANTIROLLBACK;
            case "-ob", "--optionbytes" -> Operation.Kind.OPTIONBYTES;
            case "-l", "--list", "-w", "--write", "-d", "--download", "-w8", "-w16", "-w32", "-w64", "-e", "--erase",
                 "-s", "--start", "-g", "--go" -> Operation.Kind.OTHER;
            default -> null;
        };
    }

    /**
     * One command of a command line read from a log.
     *
     * @param kind     the operation it asks for
     * @param option   the option as typed ("-r32", "--connect")
     * @param operands the words after it, as typed
     * @param command  the command as {@link #parse} reads it; null when the words are no command fuspath runs (an
     *                 operation fuspath only reads about, or operands the strict grammar refuses)
     * @param problem  why {@code command} is null for one of fuspath's own commands (the strict grammar's message);
     *                 null otherwise
     */
    record Logged(Operation.Kind kind, String option, List<String> operands, ProgrammerCommand command, String problem) {
        public Logged {
            operands = List.copyOf(operands);
        }

        /** The value of a {@code key=value} operand (key case-insensitive; the first one), or null. */
        public String setting(String key) {
            for (String o : operands) {
                int eq = o.indexOf('=');
                if (eq > 0 && o.substring(0, eq).equalsIgnoreCase(key)) {
                    return o.substring(eq + 1);
                }
            }
            return null;
        }
    }

    /**
     * A command line read leniently: the commands in order, and notes on what was not read (unknown options and
     * their operands, words before the first option, operands the strict grammar refuses).
     */
    record LoggedLine(List<Logged> commands, List<String> notes) {
        public LoggedLine {
            commands = List.copyOf(commands);
            notes = List.copyOf(notes);
        }
    }

    /** Operands an option takes at most when read leniently; the rest of a runaway line is a note. */
    int MAX_LOGGED_OPERANDS = 32;

    /**
     * Reads an argument list as a log shows it, with the grammar of {@link #parse}, but never throws: an option no
     * operation is known by becomes a note, and so do operands {@link #parse} refuses (the command is then kept with
     * its kind and words, its {@code command} null). Linear in the arguments.
     */
    static LoggedLine readLeniently(List<String> arguments) {
        List<Logged> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (arguments == null) {
            return new LoggedLine(out, notes);
        }
        int i = 0;
        List<String> stray = new ArrayList<>();
        while (i < arguments.size()) {
            String option = arguments.get(i);
            if (option == null || !isOption(option)) {
                if (option != null) {
                    stray.add(option);
                }
                i++;
                continue;
            }
            List<String> operands = new ArrayList<>();
            int j = i + 1;
            while (j < arguments.size() && (arguments.get(j) == null || !isOption(arguments.get(j)))) {
                if (arguments.get(j) != null && operands.size() < MAX_LOGGED_OPERANDS) {
                    operands.add(arguments.get(j));
                }
                j++;
            }
            if (j - i - 1 > MAX_LOGGED_OPERANDS) {
                notes.add(option + ": only its first " + MAX_LOGGED_OPERANDS + " operands were read");
            }
            Operation.Kind kind = kindOfOption(option);
            if (kind == null) {
                notes.add("option " + option + (operands.isEmpty() ? "" : " " + String.join(" ", operands))
                        + " was not read: it names no operation fuspath knows");
            } else {
                ProgrammerCommand command = null;
                String problem = null;
                if (ownOption(option)) {
                    try {
                        command = one(option, operands, i + 1);
                    } catch (IllegalArgumentException e) {
                        problem = e.getMessage();
                        notes.add(problem);
                    }
                }
                out.add(new Logged(kind, option, operands, command, problem));
            }
            i = j;
        }
        if (!stray.isEmpty()) {
            notes.add("words before the first option were not read: " + String.join(" ", stray));
        }
        return new LoggedLine(out, notes);
    }

    /** An option word: a dash and a letter ("-c", "--connect"), not a negative number or a lone dash. */
    private static boolean isOption(String word) {
        int k = 0;
        while (k < word.length() && k < 2 && word.charAt(k) == '-') {
            k++;
        }
        return k > 0 && k < word.length() && Character.isLetter(word.charAt(k));
    }

    /** The options {@link #parse} reads. */
    private static boolean ownOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "-c", "--connect", "-r32", "-fwupgrade", "-fwdelete", "-startfus", "-startwirelessstack",
                 "-antirollback", "-ob", "--optionbytes", "-l", "--list" -> true;
            default -> false;
        };
    }

    private static void expect(String where, List<String> operands, int min, int max) {
        if (operands.size() < min || operands.size() > max) {
            throw new Refused(where + ": takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " operand" + (max == 1 ? "" : "s") + ", not " + operands.size() + " " + operands);
        }
    }

    /** A size operand: decimal, or hexadecimal with 0x (bytes). */
    private static int size(String where, String text) {
        try {
            long v = text.regionMatches(true, 0, "0x", 0, 2) && text.length() > 2 && text.length() <= 10
                    ? Long.parseLong(text.substring(2), 16) : text.length() <= 10 ? Long.parseLong(text) : -1;
            if (v >= 0 && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Refused(where + ": the size is not a number of bytes: " + text);
    }

    private static void requireHex(String address, String what) {
        if (address == null || !HEX.matcher(address).matches()) {
            throw new Refused(what + " must be hexadecimal like 0x080EC000, not " + address);
        }
    }

    private static ProgrammerCommand wrap(String where, java.util.function.Supplier<ProgrammerCommand> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new Refused(where + ": " + e.getMessage(), e);
        }
    }
}
