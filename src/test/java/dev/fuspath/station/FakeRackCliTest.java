package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.executor.Backend;
import dev.fuspath.executor.ProcessBackend;
import dev.fuspath.simulator.RackSpec;
import dev.fuspath.simulator.SimulatedRack;
import dev.fuspath.testing.FakeRackProgrammer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rack behind a fake STM32_Programmer_CLI process: -l lists the probes, sn= reaches the right board. */
class FakeRackCliTest {

    @Test
    void probesListedAndEachSerialReachesItsOwnBoard(@TempDir Path dir) throws Exception {
        SimulatedRack rack = SimulatedRack.create(dir.resolve("rack"), RackSpec.parse("2:fus=1.2.0"));
        rack.unplug(RackSpec.serial(1));
        Backend cli = new ProcessBackend(FakeRackProgrammer.install(dir.resolve("bin"), rack.dir()),
                Duration.ofSeconds(60));
        List<ProbeListing.Probe> probes = ProbeListing.parse(cli.run(List.of("-l", "st-link")).output());
        assertEquals(List.of(RackSpec.serial(0)), probes.stream().map(ProbeListing.Probe::id).toList(),
                "the unplugged probe is not listed");
        Backend lane = new LaneBackend(cli, probes.get(0));
        Backend.Invocation uid = lane.run(List.of("-c", "port=swd", "mode=HOTPLUG", "-r32", "0x1FFF7590", "12"));
        assertEquals(0, uid.exitCode(), uid.output());
        assertTrue(uid.output().contains("sn=" + RackSpec.serial(0)), "the lane's serial is in the call");
        assertTrue(uid.output().contains("ST-LINK SN  : " + RackSpec.serial(0)), uid.output());
        String u = RackSpec.uid(0, 0);
        assertTrue(uid.output().contains(u.substring(0, 8) + " " + u.substring(8, 16) + " " + u.substring(16)),
                uid.output());
        Backend.Invocation gone = cli.run(List.of("-c", "port=swd", "sn=" + RackSpec.serial(1), "-r32",
                "0x1FFF7590", "12"));
        assertEquals(1, gone.exitCode());
        assertTrue(gone.output().contains("No debug probe detected"), gone.output());
    }
}
