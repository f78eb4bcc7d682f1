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
        bad.put(List.of("-r32", "0x20030030", "many"), "the word count is not a number");
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
        assertEquals(Set.of(Operation.Kind.CONNECT, Operation.Kind.STARTFUS),
                ProgrammerCommand.kindsOf(List.of("-c", "port=swd", "-w", "x", "-startfus")));
        assertEquals(Set.of(), ProgrammerCommand.kindsOf(null));
    }
}
