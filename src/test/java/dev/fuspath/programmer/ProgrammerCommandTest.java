package dev.fuspath.programmer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgrammerCommandTest {

    /** One value of every variant (and of every option of each). */
    static List<ProgrammerCommand> everyVariant() {
        Map<String, String> ob = new LinkedHashMap<>();
        ob.put("nSWboot0", "1");
        ob.put("nboot1", "1");
        ob.put("nboot0", "1");
        return List.of(
                new ProgrammerCommand.Connect("swd", null, null),
                new ProgrammerCommand.Connect("swd", null, "UR"),
                new ProgrammerCommand.Connect("swd", "0670FF383930434B43163220", "HOTPLUG"),
                new ProgrammerCommand.Connect("usb1", null, null),
                new ProgrammerCommand.Connect("usb2", "207F38A35430", null),
                new ProgrammerCommand.Read32("0x20030030", 1),
                new ProgrammerCommand.Read32("0x20030024", 28),
                new ProgrammerCommand.FwUpgrade("stm32wb5x_FUS_fw.bin", "0x080EC000", false, null),
                new ProgrammerCommand.FwUpgrade("stm32wb5x_BLE_Stack_full_fw.bin", "0x080D0000", true, true),
                new ProgrammerCommand.FwUpgrade("x.bin", "0x080D0000", null, false),
                new ProgrammerCommand.FwUpgrade("x.bin", "0x080D0000", null, null),
                new ProgrammerCommand.FwDelete(),
                new ProgrammerCommand.StartFus(),
                new ProgrammerCommand.StartWirelessStack(),
                new ProgrammerCommand.AntiRollback(),
                ProgrammerCommand.OptionBytes.display(),
                new ProgrammerCommand.OptionBytes(ob),
                new ProgrammerCommand.ListProbes("st-link"),
                new ProgrammerCommand.ListProbes("usb"));
    }

    @Test
    void everyVariantRoundTrips() {
        List<ProgrammerCommand> all = everyVariant();
        Set<Class<?>> seen = new java.util.HashSet<>();
        for (ProgrammerCommand c : all) {
            assertEquals(List.of(c), ProgrammerCommand.parse(c.arguments()), String.join(" ", c.arguments()));
            seen.add(c.getClass());
        }
        assertEquals(ProgrammerCommand.class.getPermittedSubclasses().length, seen.size(), "a variant has no case");
        assertEquals(all, ProgrammerCommand.parse(ProgrammerCommand.render(all)));
    }

    @Test
    void rendersThePlannersSpellings() {
        assertEquals(List.of("-c", "port=swd", "mode=UR"), new ProgrammerCommand.Connect("swd", null, "UR").arguments());
        assertEquals(List.of("-c", "port=usb1"), ProgrammerCommand.Connect.of(InterfaceKind.USB).arguments());
        assertEquals(List.of("-fwupgrade", "f.bin", "0x080EC000", "firstinstall=0"),
                new ProgrammerCommand.FwUpgrade("f.bin", "0x080EC000", false, null).arguments());
        assertEquals(List.of("-r32", "0x20030030", "1"), new ProgrammerCommand.Read32("0x20030030", 1).arguments());
        assertEquals(List.of("-ob", "displ"), ProgrammerCommand.OptionBytes.display().arguments());
        assertEquals(List.of("-c", "port=swd", "mode=UR", "-ob", "nSWboot0=1", "nboot1=1", "nboot0=1"),
                ProgrammerCommand.render(ProgrammerCommand.parse(
                        List.of("-c", "port=SWD", "mode=ur", "-ob", "nSWboot0=1", "nboot1=1", "nboot0=1"))));
    }

    @Test
    void unknownOrMalformedArgumentsAreNamed() {
        Map<List<String>, String> bad = new LinkedHashMap<>();
        bad.put(List.of("-w", "app.bin", "0x08000000"), "argument 1 (-w): not a STM32_Programmer_CLI command");
        bad.put(List.of("-c", "port=jtag"), "port must be swd or usb1..usb99");
        bad.put(List.of("-c", "port=swd", "freq=4000"), "unknown connection setting freq=4000");
        bad.put(List.of("-c", "port=swd", "mode=fast"), "mode must be one of");
        bad.put(List.of("-c", "port=swd", "-r32", "0x2003003G", "1"), "argument 3 (-r32): -r32 address must be hex");
        bad.put(List.of("-r32", "0x20030030"), "takes 2 operands, not 1");
        bad.put(List.of("-r32", "0x20030030", "many"), "the size is not a number of bytes");
        bad.put(List.of("-r32", "0x20030030", "0"), "-r32 reads 1 to 65536 bytes, not 0");
        bad.put(List.of("-fwupgrade", "f.bin"), "takes 2 to 4 operands");
        bad.put(List.of("-fwupgrade", "f.bin", "0x080EC000", "firstinstall=2"), "unknown -fwupgrade option firstinstall=2");
        bad.put(List.of("-fwdelete", "now"), "takes 0 operands, not 1");
        bad.put(List.of("-ob"), "give displ or NAME=VALUE");
        bad.put(List.of("-ob", "nboot0=1", "nboot0=0"), "sets a name twice");
        bad.put(List.of("-ob", "nboot0=one"), "-ob takes NAME=VALUE (a number)");
        bad.put(List.of("-l", "uart"), "-l lists st-link or usb");
        bad.put(List.of("port=swd"), "not a STM32_Programmer_CLI command");
        bad.put(List.of(), "no STM32_Programmer_CLI arguments");
        bad.forEach((args, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProgrammerCommand.parse(args),
                    args.toString());
            assertTrue(e.getMessage().contains(message), args + ": " + e.getMessage());
        });
    }

    @Test
    void kindsOfIsLenient() {
        // -w is no command fuspath runs, but an operation a log may show (a download): OTHER
        assertEquals(Set.of(Operation.Kind.CONNECT, Operation.Kind.OTHER, Operation.Kind.STARTFUS),
                ProgrammerCommand.kindsOf(List.of("-c", "port=swd", "-w", "x", "-startfus")));
        assertEquals(Set.of(Operation.Kind.CONNECT, Operation.Kind.STARTFUS),
                ProgrammerCommand.kindsOf(List.of("-c", "port=swd", "-q", "-startfus")));
        assertEquals(Set.of(), ProgrammerCommand.kindsOf(null));
    }

    /**
     * The size operand of -r32 is a number of bytes, read as whole words: st-177360's
     * "-r32 0x20030024 50" prints "Size : 52 Bytes" and 13 words; "-r32 0x20030030 4" and gh-mbed-os's
     * "-r32 0x20030030 1" print "Size : 4 Bytes" and one word.
     */
    @Test
    void theR32SizeIsInBytesAsTheRealToolReadsIt() throws Exception {
        ProgrammerCommand.Read32 table = (ProgrammerCommand.Read32) ProgrammerCommand.parse(
                List.of("-r32", "0x20030024", "50")).get(0);
        assertEquals(50, table.bytes());
        assertEquals(13, table.words());
        assertEquals(1, new ProgrammerCommand.Read32("0x20030030", 1).words());
        assertEquals(1, new ProgrammerCommand.Read32("0x20030030", 4).words());
        assertEquals(2, new ProgrammerCommand.Read32("0x20030030", 5).words());
        assertEquals(new ProgrammerCommand.Read32("0x20030024", 28),
                ProgrammerCommand.parse(List.of("-r32", "0x20030024", "0x1C")).get(0), "a hexadecimal size");

        String log = new String(getClass().getResourceAsStream(
                "/logs/real/st-177360-r32-device-info-table-swd-hotplug-v2.5.log").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        ProgrammerSession s = ProgrammerOutputParser.parse(log);
        List<MemoryRead> reads = s.reads();
        int first = reads.indexOf(reads.stream().filter(r -> r.address() == 0x20030024L).findFirst().orElseThrow());
        assertEquals(table.words(), reads.subList(first, reads.size()).stream().mapToInt(r -> r.words().size()).sum(),
                "what the real tool read");
        assertTrue(log.contains("Size         : 52 Bytes"), "the real tool's own count");
    }

    /** Command lines as the corpus logs (and one public ST thread) show them, read leniently. */
    @Test
    void logCommandLinesReadLeniently() {
        ProgrammerCommand.LoggedLine hotplug = ProgrammerCommand.readLeniently(List.of("-c", "port=SWD",
                "mode=HOTPLUG", "-r32", "0x20030030", "4", "-r32", "0x20030024", "50")); // st-177360
        assertEquals(List.of(new ProgrammerCommand.Connect("swd", null, "HOTPLUG"),
                new ProgrammerCommand.Read32("0x20030030", 4), new ProgrammerCommand.Read32("0x20030024", 50)),
                hotplug.commands().stream().map(ProgrammerCommand.Logged::command).toList());
        assertEquals(List.of(), hotplug.notes());

        ProgrammerCommand.LoggedLine upgrade = ProgrammerCommand.readLeniently(List.of("-c", "port=usb1",
                "-fwupgrade", "C:\\Users\\Kostya\\Desktop\\STM32WB5x\\stm32wb5x_FUS_fw_1_0_2.bin", "0x080EC000",
                "firstinstall=0")); // st-57562
        ProgrammerCommand.FwUpgrade f = (ProgrammerCommand.FwUpgrade) upgrade.commands().get(1).command();
        assertEquals(0x080EC000L, f.addressValue());
        assertEquals(Boolean.FALSE, f.firstInstall());

        // st-58941: a shell variable as the serial, and --start, an operation fuspath never runs
        ProgrammerCommand.LoggedLine start = ProgrammerCommand.readLeniently(List.of("-c", "port=swd", "sn=$MY_SN",
                "--start", "0x8000000"));
        assertEquals(List.of(Operation.Kind.CONNECT, Operation.Kind.OTHER),
                start.commands().stream().map(ProgrammerCommand.Logged::kind).toList());
        assertEquals(null, start.commands().get(0).command(), "sn=$MY_SN is no serial number");
        assertEquals("swd", start.commands().get(0).setting("PORT"));
        assertTrue(start.commands().get(0).problem().contains("sn must be letters and digits"), start.toString());
        assertEquals(List.of("0x8000000"), start.commands().get(1).operands());

        // a UART command line of a public ST thread (community.st.com, "Unable to programming STM32F407VET6 with
        // command line interface CLI with V2.3.0"): options that are no operation become notes
        ProgrammerCommand.LoggedLine uart = ProgrammerCommand.readLeniently(List.of("-c", "port=COM9", "br=115200",
                "-q", "-log", "%logfile%", "-w", "%hexfile%", "-v", "-g", "0x08000000"));
        assertEquals(List.of(Operation.Kind.CONNECT, Operation.Kind.OTHER, Operation.Kind.OTHER),
                uart.commands().stream().map(ProgrammerCommand.Logged::kind).toList());
        assertEquals("COM9", uart.commands().get(0).setting("port"));
        assertTrue(uart.notes().stream().anyMatch(n -> n.startsWith("option -q ")), uart.notes().toString());
        assertTrue(uart.notes().stream().anyMatch(n -> n.startsWith("option -log %logfile% ")), uart.notes().toString());
        assertTrue(uart.notes().stream().anyMatch(n -> n.startsWith("option -v ")), uart.notes().toString());

        // prose after a pasted command: the command keeps its kind, the words are a note
        ProgrammerCommand.LoggedLine prose = ProgrammerCommand.readLeniently(List.of("-c", "port=usb1", "-fwdelete",
                "and", "then", "it", "hung"));
        assertEquals(Operation.Kind.FWDELETE, prose.commands().get(1).kind());
        assertEquals(null, prose.commands().get(1).command());
        assertTrue(prose.notes().get(0).contains("takes 0 operands"), prose.notes().toString());
    }

    @Test
    void readingLenientlyNeverThrows() {
        java.util.Random random = new java.util.Random(11);
        List<String> words = java.util.Arrays.asList("-c", "--connect", "port=swd", "port=", "=", "-", "--", "-r32",
                "0x", "0xFFFFFFFFFF", "-1", "-fwupgrade", "-ob", "displ", "x=y", "-l", null, "", "  ", "-w32", "-e",
                "all", "99999999999", "-startfus", "\u0000", "mode=UR", "-q");
        for (int n = 0; n < 2000; n++) {
            List<String> args = new java.util.ArrayList<>();
            for (int k = random.nextInt(12); k > 0; k--) {
                args.add(words.get(random.nextInt(words.size())));
            }
            ProgrammerCommand.LoggedLine line = ProgrammerCommand.readLeniently(args);
            line.commands().forEach(c -> assertTrue(c.command() == null || c.command().kind() == c.kind(), args.toString()));
        }
        List<String> runaway = new java.util.ArrayList<>(List.of("-ob"));
        for (int k = 0; k < 1000; k++) {
            runaway.add("n" + k + "=1");
        }
        ProgrammerCommand.LoggedLine line = ProgrammerCommand.readLeniently(runaway);
        assertEquals(ProgrammerCommand.MAX_LOGGED_OPERANDS, line.commands().get(0).operands().size());
    }
}
