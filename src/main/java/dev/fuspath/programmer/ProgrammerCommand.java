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
 * {@code -c port=usb1}, {@code -r32 0x20030030 1}, {@code -fwupgrade FILE 0x080EC000 firstinstall=0 [startstack=1]},
 * {@code -fwdelete}, {@code -startfus}, {@code -startwirelessstack}, {@code -antirollback}, {@code -ob displ},
 * {@code -ob nSWboot0=1 nboot1=1 nboot0=1}, {@code -l st-link}, {@code -l usb}.
 */
public sealed interface ProgrammerCommand {

    /** The arguments this command adds to a STM32_Programmer_CLI command line, in order. */
    List<String> arguments();

    /** The parser's name for what it does. */
    Operation.Kind kind();

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
                throw new IllegalArgumentException("port must be swd or usb1..usb99, not " + port);
            }
            if (serial != null && !SERIAL.matcher(serial).matches()) {
                throw new IllegalArgumentException("sn must be letters and digits, not " + serial);
            }
            if (mode != null && !MODES.contains(mode)) {
                throw new IllegalArgumentException("mode must be one of UR, HOTPLUG, NORMAL, POWERDOWN, not " + mode);
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

    /** {@code -r32 ADDRESS WORDS}. */
    record Read32(String address, int words) implements ProgrammerCommand {
        public Read32 {
            requireHex(address, "-r32 address");
            if (words < 1 || words > 4096) {
                throw new IllegalArgumentException("-r32 reads 1 to 4096 words, not " + words);
            }
        }

        public long addressValue() {
            return Long.parseLong(address.substring(2), 16);
        }

        @Override
        public List<String> arguments() {
            return List.of("-r32", address, String.valueOf(words));
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
                throw new IllegalArgumentException("-fwupgrade needs a file name, not " + file);
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
                    throw new IllegalArgumentException("-ob takes NAME=VALUE (a number), not " + k + "=" + v);
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
                throw new IllegalArgumentException("-l lists st-link or usb, not " + which);
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
            throw new IllegalArgumentException("no STM32_Programmer_CLI arguments");
        }
        List<ProgrammerCommand> out = new ArrayList<>();
        int i = 0;
        while (i < arguments.size()) {
            String option = arguments.get(i);
            if (option == null) {
                throw new IllegalArgumentException("argument " + (i + 1) + " is null");
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
                        default -> throw new IllegalArgumentException(where + ": unknown connection setting " + kv);
                    }
                }
                String p = port;
                String n = sn;
                String md = mode;
                return wrap(where, () -> new Connect(p, n, md));
            }
            case "-r32" -> {
                expect(where, operands, 2, 2);
                int words;
                try {
                    words = Integer.parseInt(operands.get(1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": the word count is not a number: " + operands.get(1));
                }
                return wrap(where, () -> new Read32(operands.get(0), words));
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
                        throw new IllegalArgumentException(where + ": unknown -fwupgrade option " + kv);
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
                    throw new IllegalArgumentException(where + ": give displ or NAME=VALUE settings");
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (String kv : operands) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0 || values.put(kv.substring(0, eq), kv.substring(eq + 1)) != null) {
                        throw new IllegalArgumentException(where + ": " + kv + " is no NAME=VALUE, or sets a name twice");
                    }
                }
                return wrap(where, () -> new OptionBytes(values));
            }
            case "-l", "--list" -> {
                expect(where, operands, 1, 1);
                return wrap(where, () -> new ListProbes(operands.get(0).toLowerCase(Locale.ROOT)));
            }
            default -> throw new IllegalArgumentException(where + ": not a STM32_Programmer_CLI command fuspath knows"
                    + " (-c, -r32, -fwupgrade, -fwdelete, -startfus, -startwirelessstack, -antirollback, -ob, -l)");
        }
    }

    /**
     * The operation kinds an argument list asks for, leniently: unknown options are skipped (for logs, and for
     * deciding whether a call's output is an assumed shape). Never throws.
     */
    static Set<Operation.Kind> kindsOf(List<String> arguments) {
        Set<Operation.Kind> kinds = EnumSet.noneOf(Operation.Kind.class);
        if (arguments == null) {
            return kinds;
        }
        for (String a : arguments) {
            if (a == null) {
                continue;
            }
            switch (a.toLowerCase(Locale.ROOT)) {
                case "-c", "--connect" -> kinds.add(Operation.Kind.CONNECT);
                case "-r32" -> kinds.add(Operation.Kind.READ);
                case "-fwupgrade" -> kinds.add(Operation.Kind.FWUPGRADE);
                case "-fwdelete" -> kinds.add(Operation.Kind.FWDELETE);
                case "-startfus" -> kinds.add(Operation.Kind.STARTFUS);
                case "-startwirelessstack" -> kinds.add(Operation.Kind.STARTWIRELESSSTACK);
                case "-antirollback" -> kinds.add(Operation.Kind.ANTIROLLBACK);
                case "-ob", "--optionbytes" -> kinds.add(Operation.Kind.OPTIONBYTES);
                default -> {
                }
            }
        }
        return kinds;
    }

    private static void expect(String where, List<String> operands, int min, int max) {
        if (operands.size() < min || operands.size() > max) {
            throw new IllegalArgumentException(where + ": takes " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " operand" + (max == 1 ? "" : "s") + ", not " + operands.size() + " " + operands);
        }
    }

    private static void requireHex(String address, String what) {
        if (address == null || !HEX.matcher(address).matches()) {
            throw new IllegalArgumentException(what + " must be hexadecimal like 0x080EC000, not " + address);
        }
    }

    private static ProgrammerCommand wrap(String where, java.util.function.Supplier<ProgrammerCommand> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
