package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.StepAction;
import dev.fuspath.programmer.FusCodes;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import dev.fuspath.simulator.DeviceState;
import dev.fuspath.simulator.SimulatedDevice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A step's {@code expect} is what the tool prints at its end: the seed story's plan, run step by step on the
 * simulated device (which prints the corpus' shapes: a stack install ends with FUS_ERROR / FUS_NOT_RUNNING and
 * "Firmware Upgrade Success", as gh-mbed-os-stm32wb-readme-usb-v2.3.log shows), ends every step with the FUS state
 * (and status) the step expects, and the executor's check agrees.
 */
class StepExpectationTest {

    private static Operation.Kind kindOf(StepAction action) {
        return switch (action) {
            case START_FUS -> Operation.Kind.STARTFUS;
            case READ_FUS_INFO -> Operation.Kind.READ;
            case STACK_DELETE -> Operation.Kind.FWDELETE;
            case FUS_UPGRADE, STACK_INSTALL -> Operation.Kind.FWUPGRADE;
            case START_STACK -> Operation.Kind.STARTWIRELESSSTACK;
            case ANTI_ROLLBACK -> Operation.Kind.ANTIROLLBACK;
            case SET_OPTION_BYTES -> Operation.Kind.OPTIONBYTES;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"swd", "usb"})
    void eachStepEndsWithTheFusStateItExpects(String iface) throws Exception {
        Plan plan = FlashFixture.plan("STM32WB55RGV6TR", "0.5.3", "none", "BLE_Stack_full",
                "v1.23.0", iface);
        Map<String, byte[]> files = FlashFixture.upstreamFiles().fetch(plan);
        SimulatedDevice device = new SimulatedDevice(DeviceState.factory("1M"));
        boolean sawInstall = false;
        for (PlanStep step : plan.steps()) {
            SimulatedDevice.Result r = device.run(step.command(), files);
            assertTrue(r.ok(), step.action() + "\n" + r.output());
            ProgrammerSession s = ProgrammerOutputParser.parse(r.output());
            assertEquals(List.of(), s.errors(), r.output());
            PlanStep.Expect expect = step.expect();
            if (expect == null || expect.fusState() == null) {
                continue;
            }
            List<Operation> ops = s.operations(kindOf(step.action()));
            assertFalse(ops.isEmpty(), step.action() + "\n" + r.output());
            Operation op = ops.get(ops.size() - 1);
            assertTrue(op.succeeded(), r.output());
            // the plan says what the tool prints; the parser gives rules/fus-codes.json's canonical names
            assertEquals(expect.fusState(), op.fusStates().get(op.fusStates().size() - 1).raw(),
                    step.action() + "\n" + r.output());
            if (expect.fusStatus() != null) {
                assertEquals(expect.fusStatus(), op.fusStatuses().get(op.fusStatuses().size() - 1).raw(),
                        step.action() + "\n" + r.output());
                assertEquals(FusCodes.canonical(expect.fusStatus()), op.lastFusStatus().orElse(null));
            }
            if (step.action() == StepAction.STACK_INSTALL) {
                sawInstall = true;
                assertEquals(new PlanStep.Expect("FUS_ERROR", "FUS_NOT_RUNNING", expect.fus(), expect.stack()), expect,
                        "the real tool ends a stack install with the stack running, not FUS");
                assertTrue(r.state().stackRunning(), "the new stack runs");
            }
        }
        assertTrue(sawInstall, "the story installs a stack");
    }

    @Test
    void theExecutorsCheckAgreesAndOnlyNotesAnInstallThatLeftFusRunning() {
        PlanStep install = new PlanStep(5, StepAction.STACK_INSTALL, "install", "s.bin", null, null, 1000L,
                "0x080D0000", null, null, null,
                PlanStep.Expect.stackInstalled("2.1.0", "BLE_Stack_full 1.23.0"), List.of("-c", "port=usb1"));
        FirmwareVersion fus = FirmwareVersion.of(2, 1, 0);
        FirmwareVersion stack = FirmwareVersion.of(1, 23, 0);
        DeviceFacts stackRuns = new DeviceFacts("0x495", 1L << 20, "stack", fus, stack, true, null, Map.of());
        DeviceFacts fusRuns = new DeviceFacts("0x495", 1L << 20, "FUS", fus, stack, true, null, Map.of());
        assertEquals(java.util.Optional.empty(), StepCheck.verify(install, null, stackRuns));
        assertEquals(List.of(), StepCheck.notes(install, null, stackRuns));
        assertEquals(java.util.Optional.empty(), StepCheck.verify(install, null, fusRuns), "never a refusal");
        List<String> notes = StepCheck.notes(install, null, fusRuns);
        assertEquals(1, notes.size(), notes.toString());
        assertNotNull(notes.get(0));
        assertTrue(notes.get(0).startsWith("CPU2 runs FUS after the install"), notes.get(0));
    }

    /**
     * The versions read while the stack runs come from a table dump no public log shows (rules/programmer-output.json,
     * assumedShapes stack-table-dump): a mismatch there is a note; read from FUS's own table (public, st-177360) it
     * is a difference that stops the run.
     */
    @Test
    void aVersionMismatchReadFromTheRunningStacksTableIsANote() {
        PlanStep install = new PlanStep(5, StepAction.STACK_INSTALL, "install", "s.bin", null, null, 1000L,
                "0x080D0000", null, null, null,
                PlanStep.Expect.stackInstalled("2.1.0", "BLE_Stack_full 1.23.0"), List.of("-c", "port=usb1"));
        FirmwareVersion other = FirmwareVersion.of(1, 19, 0);
        FirmwareVersion fus = FirmwareVersion.of(2, 1, 0);
        DeviceFacts stackTable = new DeviceFacts("0x495", 1L << 20, "stack", fus, other, true, null, Map.of());
        DeviceFacts fusTable = new DeviceFacts("0x495", 1L << 20, "FUS", fus, other, true, null, Map.of());
        assertEquals(java.util.Optional.empty(), StepCheck.verify(install, null, stackTable));
        assertTrue(StepCheck.notes(install, null, stackTable).stream()
                .anyMatch(n -> n.startsWith("the stack is 1.19.0, not 1.23.0 (read from the table the running stack")),
                StepCheck.notes(install, null, stackTable).toString());
        assertEquals(java.util.Optional.of("the stack is 1.19.0, not 1.23.0"), StepCheck.verify(install, null, fusTable));
        DeviceFacts none = new DeviceFacts("0x495", 1L << 20, "FUS", fus, null, false, null, Map.of());
        assertEquals(java.util.Optional.of("no stack is installed"), StepCheck.verify(install, null, none));
    }
}
