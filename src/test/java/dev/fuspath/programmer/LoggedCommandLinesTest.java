package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The parser reads the command lines of a log through the one argument grammar ({@link ProgrammerCommand}, read
 * leniently): every command line of the corpus (src/test/resources/logs/real) gives the operations that grammar
 * names, with the file and address its typed commands carry; what it cannot read is a note, never a failure.
 */
class LoggedCommandLinesTest {

    static Stream<String> corpusCommandLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String log : RealLogCorpusTest.logs().toList()) {
            try (InputStream in = LoggedCommandLinesTest.class.getResourceAsStream("/logs/real/" + log + ".log")) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> l.toLowerCase(Locale.ROOT).contains("stm32_programmer")
                                && l.matches(".*STM32_Programmer\\S*\\s+-.*"))
                        .map(l -> log + " | " + l).forEach(lines::add);
            }
        }
        assertTrue(lines.size() >= 15, "the corpus holds command lines: " + lines.size());
        return lines.stream();
    }

    /** The words after the program name (the corpus lines use no quotes). */
    static List<String> arguments(String line) {
        String rest = line.replaceFirst("(?i).*?STM32_Programmer\\S*\\s+", "");
        return Arrays.asList(rest.trim().split("\\s+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCommandLines")
    void aCorpusCommandLineGivesTheOperationsTheGrammarNames(String entry) {
        String line = entry.substring(entry.indexOf(" | ") + 3);
        ProgrammerCommand.LoggedLine read = ProgrammerCommand.readLeniently(arguments(line));
        ProgrammerSession s = ProgrammerOutputParser.parse(line + "\n");
        List<Operation> ops = s.operations().stream().filter(Operation::fromCommandLine).toList();
        List<ProgrammerCommand.Logged> commands = read.commands().stream()
                .filter(c -> !(c.command() instanceof ProgrammerCommand.ListProbes)).toList();
        assertEquals(commands.stream().map(ProgrammerCommand.Logged::kind).toList(),
                ops.stream().map(Operation::kind).toList(), line);
        for (int i = 0; i < commands.size(); i++) {
            ProgrammerCommand c = commands.get(i).command();
            if (c instanceof ProgrammerCommand.FwUpgrade f) {
                assertEquals(f.file(), ops.get(i).file(), line);
                assertEquals(f.addressValue(), ops.get(i).address(), line);
            } else if (c instanceof ProgrammerCommand.Read32 r) {
                assertEquals(r.addressValue(), ops.get(i).address(), line);
            }
        }
        String port = commands.isEmpty() ? null : commands.get(0).setting("port");
        if (port != null) {
            assertEquals(port.toLowerCase(Locale.ROOT).startsWith("usb") ? InterfaceKind.USB : InterfaceKind.SWD,
                    s.interfaceKind(), line);
        }
        for (String note : read.notes()) {
            assertTrue(ops.get(0).notes().contains("command line: " + note), note + " on " + ops.get(0).notes());
        }
    }

    @Test
    void whatTheGrammarCannotReadIsANote() {
        // st-58941: a shell variable for the serial number, and --start, an operation fuspath never runs
        ProgrammerSession start = ProgrammerOutputParser.parse(
                "$ STM32_Programmer_CLI -c port=swd sn=$MY_SN --start 0x8000000\n");
        List<Operation> ops = start.operations();
        assertEquals(List.of(Operation.Kind.CONNECT, Operation.Kind.OTHER), ops.stream().map(Operation::kind).toList());
        assertEquals(0x8000000L, ops.get(1).address());
        assertEquals(InterfaceKind.SWD, start.interfaceKind());
        assertTrue(ops.get(0).notes().stream().anyMatch(n -> n.contains("sn must be letters and digits")),
                ops.get(0).notes().toString());

        // a UART command line of a public ST thread (CubeProgrammer 2.3.0 over COM9): options that name no
        // operation (-q, -log FILE, -v) are notes on the line's first operation
        ProgrammerSession uart = ProgrammerOutputParser.parse("C:\\Program Files\\STMicroelectronics\\STM32Cube"
                + "\\STM32CubeProgrammer\\bin\\STM32_Programmer_CLI.exe -c port=COM9 br=115200 -q -log %logfile%"
                + " -w %hexfile% -v -g 0x08000000\n");
        assertEquals(InterfaceKind.UART, uart.interfaceKind());
        assertEquals(List.of(Operation.Kind.CONNECT, Operation.Kind.OTHER, Operation.Kind.OTHER),
                uart.operations().stream().map(Operation::kind).toList());
        List<String> notes = uart.operations().get(0).notes();
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("command line: option -log %logfile% was not read")), notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("command line: option -q ")), notes.toString());

        // a command line that names nothing the grammar knows is no command line
        assertFalse(ProgrammerOutputParser.parse("STM32_Programmer_CLI -q -vb 3\n").operations().stream()
                .anyMatch(Operation::fromCommandLine));
        // quoted arguments, as a shell takes them
        ProgrammerSession quoted = ProgrammerOutputParser.parse(
                "\"C:\\Program Files\\STM32_Programmer_CLI.exe\" -c port=usb1 -fwupgrade \"C:\\My Files\\s.bin\" 0x080D0000\n");
        Operation up = quoted.operations(Operation.Kind.FWUPGRADE).get(0);
        assertEquals("C:\\My Files\\s.bin", up.file());
        assertEquals(0x080D0000L, up.address());
    }
}
