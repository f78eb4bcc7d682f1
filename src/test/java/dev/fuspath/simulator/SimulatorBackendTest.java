package dev.fuspath.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.executor.Backend;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor's backend over the simulator hands over what the real tool writes to stdout: no command line. */
class SimulatorBackendTest {

    @Test
    void theExecutorGetsTheToolsStdoutWithoutTheCommandLine() {
        List<String> args = List.of("-c", "port=usb1", "-r32", "0x20030030", "1");
        String transcript = new SimulatedDevice(DeviceState.factory("1M")).run(args, null).output();
        assertTrue(transcript.startsWith("STM32_Programmer_CLI -c port=usb1 -r32"), transcript);
        Backend.Invocation call = new SimulatorBackend(new SimulatedDevice(DeviceState.factory("1M"))).run(args);
        assertEquals(transcript.substring(transcript.indexOf('\n') + 1), call.output());
        assertFalse(call.output().contains("STM32_Programmer_CLI"), call.output());
        ProgrammerSession s = ProgrammerOutputParser.parse(call.output());
        assertEquals("0.5.3", s.fusVersion().orElseThrow().text());
        assertTrue(s.operations(Operation.Kind.READ).get(0).succeeded(), call.output());
        assertEquals("no command line to strip", SimulatorBackend.stdout("no command line to strip"));
    }
}
