package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.image.TestImages;
import dev.fuspath.programmer.InterfaceKind;
import dev.fuspath.programmer.MemoryRead;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every transcript the simulator can print, parsed back by {@link ProgrammerOutputParser}: each command x the device
 * states and faults that change its output. The parsed session must name the operation performed, its outcome
 * (success, failure and its code, or unknown when the tool stopped), and for reads the words read. This keeps the
 * simulator and the parser in one vocabulary; the last tests check that the cases reach every {@link FusEvent} and
 * every {@link TranscriptPrinter.Shape}.
 */
class TranscriptRoundTripTest {

    static final long TOP = 0x080F4000L;
    static final byte[] STACK = TestImages.stack().version(0x01130000L).payloadSize(100000).build();
    static final byte[] OLD_STACK = TestImages.stack().version(0x01110000L).payloadSize(100000).build();
    static final byte[] V2_STACK = TestImages.fusV2Stack().version(0x01130200L).payloadSize(100000).build();
    static final byte[] FUS22 = TestImages.fus().version(0x02020000L).build();
    static final byte[] JUNK = TestImages.image().magic(TestImages.OTHER_MAGIC).build();
    static final Map<String, byte[]> FILES = Map.of("stm32wb5x_BLE_Stack_full_fw.bin", STACK, "old_stack.bin",
            OLD_STACK, "v2_stack.bin", V2_STACK, "stm32wb5x_FUS_fw.bin", FUS22, "junk.bin", JUNK);

    static final Set<Class<?>> EVENTS_SEEN = new HashSet<>();
    static final List<String> OUTPUTS = new ArrayList<>();

    /** What the parsed session must say of the operation of {@code kind}: its outcome and first error code. */
    record Expect(Operation.Kind kind, Operation.Outcome outcome, String code) {
    }

    record Case(String name, DeviceState state, List<String> args, Faults.Kind fault, int exit, Expect expect) {
        @Override
        public String toString() {
            return name;
        }
    }

    static long at(byte[] image, boolean v2) {
        return TOP - FusModel.roundUp(image.length, 4096) - (v2 ? FusModel.V2_RESERVE : 0);
    }

    static String hex(long a) {
        return String.format("0x%08X", a);
    }

    static DeviceState fus(String v) {
        return DeviceState.factory("1M").toBuilder().fus(FirmwareVersion.parse(v)).build();
    }

    static DeviceState withStack(String fusVersion, boolean running) {
        DeviceState.Builder b = fus(fusVersion).toBuilder().stack(new DeviceState.InstalledStack("BLE_Stack_full",
                FirmwareVersion.of(1, 13, 0), at(STACK, false), STACK.length, false));
        return (running ? b.stackRunning(true) : b.fusRunning(true)).build();
    }

    static List<String> on(String port, String... args) {
        List<String> l = new ArrayList<>(List.of("-c", "port=" + port));
        if (port.equals("swd")) {
            l.add("mode=UR");
        }
        l.addAll(List.of(args));
        return l;
    }

    static List<String> upgrade(String port, String file, long address, String first) {
        return on(port, "-fwupgrade", file, hex(address), "firstinstall=" + first);
    }

    static Case ok(String name, DeviceState s, List<String> args, Operation.Kind kind) {
        return new Case(name, s, args, null, 0, new Expect(kind, Operation.Outcome.SUCCEEDED, null));
    }

    static Case failed(String name, DeviceState s, List<String> args, Faults.Kind fault, Operation.Kind kind,
                       String code) {
        return new Case(name, s, args, fault, 1, new Expect(kind, Operation.Outcome.FAILED, code));
    }

    static Case unknown(String name, DeviceState s, List<String> args, Faults.Kind fault, Operation.Kind kind) {
        return new Case(name, s, args, fault, 1, new Expect(kind, Operation.Outcome.UNKNOWN, null));
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        DeviceState fus12 = fus("1.2.0");
        DeviceState fus22 = fus("2.2.0");
        DeviceState stackRuns = withStack("2.2.0", true);
        DeviceState stackIdle = withStack("2.2.0", false);
        // OLD_STACK is 1.17.0 (word 0x0111), below the floor
        DeviceState guarded = stackIdle.toBuilder().antiRollbackFloor(FirmwareVersion.of(1, 18, 0)).build();
        for (String port : List.of("swd", "usb1")) {
            String p = port + ": ";
            // connection and reads
            c.add(ok(p + "connect only", fus22, on(port), Operation.Kind.CONNECT));
            c.add(failed(p + "no target", fus22, on(port, "-r32", "0x20030030", "1"), Faults.Kind.DISCONNECT,
                    Operation.Kind.CONNECT, "NO_TARGET"));
            c.add(ok(p + "FUS version while FUS runs", DeviceState.factory("1M"), on(port, "-r32", "0x20030030", "1"),
                    Operation.Kind.READ));
            c.add(ok(p + "information table while the stack runs", stackRuns, on(port, "-r32", "0x20030024", "28"),
                    Operation.Kind.READ));
            c.add(ok(p + "information table while FUS runs", stackIdle, on(port, "-r32", "0x20030024", "28"),
                    Operation.Kind.READ));
            c.add(unknown(p + "read, power lost", fus22, on(port, "-r32", "0x20030030", "1"), Faults.Kind.POWER_LOSS,
                    Operation.Kind.READ));
            c.add(failed(p + "read, write error", fus22, on(port, "-r32", "0x20030030", "1"),
                    Faults.Kind.WRITE_ERROR, Operation.Kind.READ, "FUS_IMAGE_WRTERROR"));
            // -startfus
            c.add(ok(p + "startfus, stack runs", stackRuns, on(port, "-startfus"), Operation.Kind.STARTFUS));
            c.add(ok(p + "startfus, FUS runs", fus22, on(port, "-startfus"), Operation.Kind.STARTFUS));
            // -fwupgrade
            c.add(ok(p + "FUS upgrade", fus12, upgrade(port, "stm32wb5x_FUS_fw.bin", at(FUS22, false), "0"),
                    Operation.Kind.FWUPGRADE));
            c.add(ok(p + "stack install on an empty part", fus22,
                    upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin", at(STACK, false), "0"), Operation.Kind.FWUPGRADE));
            c.add(ok(p + "stack install, first install", fus22,
                    upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin", at(STACK, false), "1"), Operation.Kind.FWUPGRADE));
            c.add(ok(p + "stack install over a stack", stackIdle,
                    upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin", at(STACK, false), "0"), Operation.Kind.FWUPGRADE));
            c.add(failed(p + "FUS_v2-only stack on FUS 1.2.0", fus12, upgrade(port, "v2_stack.bin", at(V2_STACK, true),
                    "0"), null, Operation.Kind.FWUPGRADE, "FUS_IMG_NOT_AUTHENTIC"));
            c.add(failed(p + "FUS image the running FUS refuses", fus22,
                    upgrade(port, "stm32wb5x_FUS_fw.bin", at(FUS22, false), "0"), null, Operation.Kind.FWUPGRADE,
                    "FUS_IMG_NOT_AUTHENTIC"));
            c.add(failed(p + "not an image", fus22, upgrade(port, "junk.bin", at(JUNK, false), "0"), null,
                    Operation.Kind.FWUPGRADE, "FUS_IMG_NOT_AUTHENTIC"));
            c.add(failed(p + "too low", fus22, upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin",
                    at(STACK, false) - 3 * 4096, "0"), null, Operation.Kind.FWUPGRADE, "FUS_IMG_NOT_FOUND"));
            c.add(failed(p + "FUS_v2 reserve missing", fus22, upgrade(port, "v2_stack.bin", at(V2_STACK, false), "0"),
                    null, Operation.Kind.FWUPGRADE, "FUS_NO_ENOUGH_SPACE"));
            c.add(failed(p + "into the secure area", fus22, upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin",
                    at(STACK, false) + 0x8000, "0"), null, Operation.Kind.FWUPGRADE, "MEMORY_LIMITS"));
            c.add(failed(p + "older than anti-rollback allows", guarded, upgrade(port, "old_stack.bin",
                    at(OLD_STACK, false), "0"), null, Operation.Kind.FWUPGRADE, "FUS_FW_ROLLBACK_ERROR"));
            c.add(failed(p + "file missing", fus22, upgrade(port, "nowhere.bin", at(STACK, false), "0"), null,
                    Operation.Kind.FWUPGRADE, "ERROR"));
            c.add(failed(p + "upgrade, write error", fus22, upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin",
                    at(STACK, false), "0"), Faults.Kind.WRITE_ERROR, Operation.Kind.FWUPGRADE, "FUS_IMAGE_WRTERROR"));
            c.add(unknown(p + "upgrade, power lost", stackIdle, upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin",
                    at(STACK, false), "0"), Faults.Kind.POWER_LOSS, Operation.Kind.FWUPGRADE));
            c.add(unknown(p + "upgrade, hung", fus22, upgrade(port, "stm32wb5x_BLE_Stack_full_fw.bin",
                    at(STACK, false), "0"), Faults.Kind.HANG, Operation.Kind.FWUPGRADE));
            // -fwdelete
            c.add(ok(p + "delete", stackIdle, on(port, "-fwdelete"), Operation.Kind.FWDELETE));
            c.add(ok(p + "delete on an empty part", fus22, on(port, "-fwdelete"), Operation.Kind.FWDELETE));
            c.add(failed(p + "delete, write error", stackIdle, on(port, "-fwdelete"), Faults.Kind.WRITE_ERROR,
                    Operation.Kind.FWDELETE, "FUS_IMAGE_WRTERROR"));
            c.add(unknown(p + "delete, power lost", stackIdle, on(port, "-fwdelete"), Faults.Kind.POWER_LOSS,
                    Operation.Kind.FWDELETE));
            // -startwirelessstack
            c.add(ok(p + "start the stack", stackIdle, on(port, "-startwirelessstack"),
                    Operation.Kind.STARTWIRELESSSTACK));
            c.add(ok(p + "start the running stack", stackRuns, on(port, "-startwirelessstack"),
                    Operation.Kind.STARTWIRELESSSTACK));
            c.add(failed(p + "start, no stack", fus22, on(port, "-startwirelessstack"), null,
                    Operation.Kind.STARTWIRELESSSTACK, "START_STACK_FAILED"));
            // -antirollback
            c.add(ok(p + "anti-rollback", stackIdle, on(port, "-antirollback"), Operation.Kind.ANTIROLLBACK));
            c.add(failed(p + "anti-rollback, no stack", fus22, on(port, "-antirollback"), null,
                    Operation.Kind.ANTIROLLBACK, "FUS_IMG_NOT_FOUND"));
            c.add(unknown(p + "anti-rollback, power lost", stackIdle, on(port, "-antirollback"),
                    Faults.Kind.POWER_LOSS, Operation.Kind.ANTIROLLBACK));
            // option bytes
            c.add(ok(p + "option bytes", fus22, on(port, "-ob", "nSWboot0=1", "nboot1=1", "nboot0=1"),
                    Operation.Kind.OPTIONBYTES));
            // a malformed argument list: ProgrammerCommand's message, in the assumed bad-arguments shape
            c.add(failed(p + "option byte syntax", fus22, on(port, "-ob", "nSWboot0"), null, null, "BAD_ARGUMENTS"));
            c.add(failed(p + "-r32 without its size", fus22, on(port, "-r32", "0x20030030"), null, null,
                    "BAD_ARGUMENTS"));
            c.add(failed(p + "-fwupgrade without its address", fus22, on(port, "-fwupgrade",
                    "stm32wb5x_BLE_Stack_full_fw.bin"), null, null, "BAD_ARGUMENTS"));
        }
        // over SWD FUS commands need FUS running; over USB the tool starts it (gh-mbed-os)
        c.add(failed("swd: delete while the stack runs", stackRuns, on("swd", "-fwdelete"), null,
                Operation.Kind.FWDELETE, "FUS_NOT_IDLE"));
        c.add(ok("usb1: delete while the stack runs", stackRuns, on("usb1", "-fwdelete"), Operation.Kind.FWDELETE));
        c.add(failed("swd: upgrade while the stack runs", stackRuns, upgrade("swd", "stm32wb5x_BLE_Stack_full_fw.bin",
                at(STACK, false), "0"), null, Operation.Kind.FWUPGRADE, "FUS_NOT_IDLE"));
        c.add(ok("usb1: upgrade while the stack runs", stackRuns, upgrade("usb1", "stm32wb5x_BLE_Stack_full_fw.bin",
                at(STACK, false), "0"), Operation.Kind.FWUPGRADE));
        c.add(ok("swd: the reader's call (table and option bytes listing)", stackRuns,
                List.of("-c", "port=swd", "mode=HOTPLUG", "-r32", "0x20030024", "28", "-ob", "displ"),
                Operation.Kind.READ));
        c.add(ok("swd: option bytes then upgrade (a planner-shaped call)", fus22, on("swd", "-ob", "nSWboot0=1",
                "-fwupgrade", "stm32wb5x_BLE_Stack_full_fw.bin", hex(at(STACK, false)), "firstinstall=0"),
                Operation.Kind.FWUPGRADE));
        c.add(failed("no connection first", fus22, List.of("-r32", "0x20030030", "1"), null, null, "BAD_ARGUMENTS"));
        c.add(failed("unknown command", fus22, List.of("-c", "port=swd", "-frobnicate"), null, null,
                "BAD_ARGUMENTS"));
        // one grammar for every part: a port ProgrammerCommand.Connect refuses is refused before connecting
        c.add(failed("wrong port", fus22, List.of("-c", "port=jtag9", "-r32", "0x20030030", "1"), null, null,
                "BAD_ARGUMENTS"));
        c.add(unknown("swd: read, hung", fus22, on("swd", "-r32", "0x20030030", "1"), Faults.Kind.HANG,
                Operation.Kind.READ));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesBackToWhatItDid(Case c) {
        FusModel.Arguments parsed = FusModel.Arguments.of(c.args());
        FusModel.Injection fault = c.fault() == null ? null
                : new FusModel.Injection(c.fault(), Faults.target(parsed.commands()), new Random(7));
        FusModel.Outcome outcome = FusModel.run(c.state(), parsed, FILES, fault, SimulatedDevice.DEFAULT_TOLERANCE_PAGES);
        outcome.events().forEach(e -> EVENTS_SEEN.add(e.getClass()));
        String out = TranscriptPrinter.print(c.args(), SimulatedDevice.TOOL_VERSION, outcome.events());
        OUTPUTS.add(out);
        assertEquals(c.exit(), outcome.end() == FusModel.End.DONE ? 0 : 1, out);
        assertEquals(c.fault() == Faults.Kind.HANG, outcome.end() == FusModel.End.HUNG, out);

        ProgrammerSession s = ProgrammerOutputParser.parse(out);
        assertTrue(s.recognized(), out);
        assertEquals(SimulatedDevice.TOOL_VERSION, s.toolVersion(), out);
        Expect want = c.expect();
        if (want.kind() == null) {
            assertTrue(s.errors().stream().anyMatch(e -> e.code().equals(want.code())), s.errors() + "\n" + out);
            assertEquals(List.of(), s.operations().stream().filter(Operation::succeeded)
                    .filter(o -> o.kind() != Operation.Kind.CONNECT).toList(), out);
            return;
        }
        boolean connected = outcome.events().stream().anyMatch(e -> e instanceof FusEvent.Connected);
        if (connected) {
            assertEquals(c.state().deviceId(), s.deviceId(), out);
            assertEquals(c.args().contains("port=swd") ? InterfaceKind.SWD : InterfaceKind.USB, s.interfaceKind(), out);
            assertEquals(c.state().flashSize(), s.flashSize().bytes(), out);
        }
        List<Operation> ops = s.operations(want.kind());
        assertFalse(ops.isEmpty(), want.kind() + " named in " + s.operations() + "\n" + out);
        Operation op = ops.get(ops.size() - 1);
        assertEquals(want.outcome(), op.outcome(), out);
        if (want.outcome() == Operation.Outcome.FAILED) {
            assertFalse(op.errors().isEmpty(), out);
            assertEquals(want.code(), op.errors().get(0).code(), out);
        } else {
            assertEquals(List.of(), s.errors(), out);
            assertTrue(s.operations().stream().noneMatch(Operation::failed), out);
        }
        if (want.outcome() == Operation.Outcome.SUCCEEDED) {
            assertTrue(s.clean(), out);
        }
        if (c.fault() == Faults.Kind.POWER_LOSS && want.kind() != Operation.Kind.READ
                && want.kind() != Operation.Kind.ANTIROLLBACK) {
            assertTrue(op.notes().stream().anyMatch(n -> n.startsWith(ProgrammerOutputParser.NEVER_ENDED)),
                    "the output stops inside the operation: " + op.notes() + "\n" + out);
        }
        checkDetails(c, outcome, s, op, out);
        withoutTheCommandLine(c, s, op, out);
    }

    /**
     * The real tool does not print its command line (the terminal shows it): what the executor parses starts at the
     * banner. Read that way, the transcript must still say what the operation did, or at least not contradict it.
     */
    private static void withoutTheCommandLine(Case c, ProgrammerSession full, Operation op, String out) {
        String stdout = out.substring(out.indexOf('\n') + 1);
        ProgrammerSession s = ProgrammerOutputParser.parse(stdout);
        assertTrue(s.recognized(), stdout);
        assertEquals(full.errors().stream().map(e -> e.code()).toList(), s.errors().stream().map(e -> e.code()).toList(),
                stdout);
        assertEquals(full.reads().stream().map(MemoryRead::words).toList(),
                s.reads().stream().map(MemoryRead::words).toList(), stdout);
        if (op.failed()) {
            // without the command line a failure before the operation's first line is the connection's
            assertTrue(s.operations().stream().anyMatch(Operation::failed), stdout);
        } else if (op.succeeded()) {
            List<Operation> same = s.operations(op.kind());
            assertFalse(same.isEmpty(), op.kind() + " without the command line: " + s.operations() + "\n" + stdout);
            assertEquals(op.outcome(), same.get(same.size() - 1).outcome(), stdout);
        }
    }

    private static void checkDetails(Case c, FusModel.Outcome outcome, ProgrammerSession s, Operation op, String out) {
        for (FusEvent e : outcome.events()) {
            if (e instanceof FusEvent.Read r) {
                MemoryRead first = s.reads().stream().filter(m -> m.address() == r.address()).findFirst()
                        .orElseThrow(() -> new AssertionError("no read at " + hex(r.address()) + "\n" + out));
                List<Long> words = new ArrayList<>();
                s.reads().stream().filter(m -> m.line() >= first.line()).limit((r.words().size() + 3) / 4)
                        .forEach(m -> words.addAll(m.words()));
                assertEquals(r.words(), words, out);
                for (int i = 0; i < r.words().size(); i++) {
                    assertEquals(FusModel.deviceInfoWord(c.state(), r.address() + 4L * i), (long) r.words().get(i));
                }
            } else if (e instanceof FusEvent.DownloadStarted d && op.kind() == Operation.Kind.FWUPGRADE) {
                assertEquals(d.name(), op.file(), out);
                assertEquals(d.address(), op.address(), out);
                assertNotNull(op.size(), out);
                assertTrue(op.size().matches(d.size()), op.size() + " for " + d.size() + " bytes\n" + out);
            } else if (e instanceof FusEvent.UpgradeDone u && !u.fus()) {
                assertEquals("FUS_ERROR", op.lastFusState().orElseThrow(), "the stack runs now: " + out);
            } else if (e instanceof FusEvent.OldStackDeleted) {
                List<Operation> deletes = s.operations(Operation.Kind.FWDELETE);
                assertEquals(1, deletes.size(), "the delete phase is an operation of its own: " + out);
                assertTrue(deletes.get(0).succeeded(), out);
            }
        }
        if (c.args().contains("firstinstall=1")) {
            assertEquals(List.of(), s.operations(Operation.Kind.FWDELETE), out);
        }
    }

    @Test
    void theFactoryFusVersionReadsBack() {
        SimulatedDevice d = new SimulatedDevice(DeviceState.factory("1M"));
        ProgrammerSession s = ProgrammerOutputParser.parse(d.run(on("usb1", "-r32", "0x20030030", "1"), FILES)
                .output());
        assertEquals("0.5.3", s.fusVersion().orElseThrow().text());
    }

    @AfterAll
    static void everyEventAndShapeWasPrinted() {
        if (OUTPUTS.size() < cases().count()) {
            return; // a subset of the cases ran
        }
        Set<String> missing = new LinkedHashSet<>();
        for (Class<?> k : FusEvent.class.getPermittedSubclasses()) {
            if (!EVENTS_SEEN.contains(k)) {
                missing.add(k.getSimpleName());
            }
        }
        assertEquals(Set.of(), missing, "events no case produced");
        List<String> lines = OUTPUTS.stream().flatMap(o -> o.lines()).toList();
        for (TranscriptPrinter.Shape shape : TranscriptPrinter.Shape.values()) {
            if (!TranscriptShapesTest.printedIn(shape, lines)) {
                missing.add(shape.name());
            }
        }
        assertEquals(Set.of(), missing, "shapes no case printed");
    }
}
