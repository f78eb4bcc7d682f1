package dev.fuspath.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's one reader of STM32_Programmer_CLI argument lists: the commands it simulates, in order, with their
 * parameters. Everything else in the simulator works on {@link Command}s, so when the {@code programmer} package's
 * {@code ProgrammerCommand} family lands (issue 12), only this class switches to it.
 */
public final class CliArguments {

    /** The STM32_Programmer_CLI commands the simulator runs. */
    public enum Name {
        /** -c / --connect port=swd|usb1 [mode=UR|HOTPLUG|...] */
        CONNECT,
        /** -r32 ADDRESS [BYTES] */
        READ32,
        /** -fwupgrade FILE ADDRESS [firstinstall=0|1] */
        FWUPGRADE,
        /** -fwdelete */
        FWDELETE,
        /** -startfus */
        STARTFUS,
        /** -startwirelessstack */
        STARTWIRELESSSTACK,
        /** -antirollback */
        ANTIROLLBACK,
        /** -ob / --optionbytes [displ] [NAME=VALUE ...] */
        OPTIONBYTES
    }

    /** One command and the parameters that follow it, as given. */
    public record Command(Name name, List<String> args) {
        public Command {
            args = List.copyOf(args);
        }

        /** CONNECT: the value of "key=" (lower case), or null. */
        public String param(String key) {
            for (String a : args) {
                String l = a.toLowerCase(Locale.ROOT);
                if (l.startsWith(key + "=")) {
                    return l.substring(key.length() + 1);
                }
            }
            return null;
        }

        /** READ32 and FWUPGRADE: the address (validated when read). */
        public long address() {
            return hex(args.get(name == Name.READ32 ? 0 : 1));
        }

        /** READ32: how many bytes (4 when not given; a value that is no number reads one word). */
        public long bytes() {
            return args.size() > 1 ? Math.max(1, count(args.get(1))) : 4;
        }

        /** FWUPGRADE: the image file as given. */
        public String file() {
            return args.get(0);
        }

        /** FWUPGRADE: firstinstall=1 given (the CLI's default is 0: delete the installed stack first). */
        public boolean firstInstall() {
            return args.size() > 2 && args.get(2).equalsIgnoreCase("firstinstall=1");
        }

        /** OPTIONBYTES: "displ" given. */
        public boolean display() {
            return args.stream().anyMatch(a -> a.equalsIgnoreCase("displ"));
        }

        /** OPTIONBYTES: the NAME=VALUE parameters. */
        public List<String> assignments() {
            return args.stream().filter(a -> !a.equalsIgnoreCase("displ")).toList();
        }
    }

    /** The commands of an argument list, or the error the tool would print for it. */
    public record Parsed(List<Command> commands, String error) {
        public Parsed {
            commands = List.copyOf(commands);
        }

        public boolean ok() {
            return error == null;
        }

        public boolean holds(Name name) {
            return commands.stream().anyMatch(c -> c.name() == name);
        }
    }

    private CliArguments() {
    }

    public static Parsed parse(List<String> args) {
        List<Command> cmds = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-")) {
                return new Parsed(cmds, "Unexpected argument: " + a);
            }
            String o = a.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
            List<String> p = new ArrayList<>();
            Name name;
            switch (o) {
                case "c", "connect" -> {
                    while (i + 1 < args.size() && args.get(i + 1).contains("=") && !args.get(i + 1).startsWith("-")) {
                        p.add(args.get(++i));
                    }
                    name = Name.CONNECT;
                }
                case "r32" -> {
                    i = take(args, i, p, 2);
                    if (p.isEmpty() || hexOrNull(p.get(0)) == null) {
                        return new Parsed(cmds, "Wrong syntax: -r32 <address> [size]");
                    }
                    name = Name.READ32;
                }
                case "fwupgrade" -> {
                    i = take(args, i, p, 3);
                    if (p.size() < 2 || hexOrNull(p.get(1)) == null) {
                        return new Parsed(cmds, "Wrong syntax: -fwupgrade <file> <address> [firstinstall=0|1]");
                    }
                    name = Name.FWUPGRADE;
                }
                case "ob", "optionbytes" -> {
                    i = take(args, i, p, Integer.MAX_VALUE);
                    name = Name.OPTIONBYTES;
                }
                case "startfus" -> name = Name.STARTFUS;
                case "fwdelete" -> name = Name.FWDELETE;
                case "startwirelessstack" -> name = Name.STARTWIRELESSSTACK;
                case "antirollback" -> name = Name.ANTIROLLBACK;
                default -> {
                    return new Parsed(cmds, "Unknown or unsupported command: " + a);
                }
            }
            cmds.add(new Command(name, p));
        }
        return new Parsed(cmds, null);
    }

    /** The image files an argument list names after -fwupgrade (none when it does not parse). */
    public static List<String> imageFiles(List<String> args) {
        return parse(args).commands().stream().filter(c -> c.name() == Name.FWUPGRADE).map(Command::file).toList();
    }

    private static int take(List<String> args, int i, List<String> into, int max) {
        while (i + 1 < args.size() && into.size() < max && !args.get(i + 1).startsWith("-")) {
            into.add(args.get(++i));
        }
        return i;
    }

    static long hex(String s) {
        Long v = hexOrNull(s);
        if (v == null) {
            throw new IllegalArgumentException("not a hexadecimal number: " + s);
        }
        return v;
    }

    static Long hexOrNull(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (!t.startsWith("0x") || t.length() < 3 || t.length() > 18) {
            return null;
        }
        try {
            return Long.parseUnsignedLong(t.substring(2), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "0x10" or "16"; anything else counts as 4 (one word). */
    static long count(String s) {
        Long h = hexOrNull(s);
        if (h != null) {
            return h;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 4;
        }
    }
}
