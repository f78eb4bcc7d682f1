package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe lists of STM32_Programmer_CLI, in the shapes of the public logs ProbeListing cites. */
class ProbeListingTest {

    @Test
    void stLinkProbesOfV2170WithAWindowsPathSkipped() {
        String out = """
                      -------------------------------------------------------------------
                                       STM32CubeProgrammer v2.17.0
                      -------------------------------------------------------------------

                =====  DFU Interface   =====

                No STM32 device in DFU mode connected

                ===== J-Link Interface =====
                Error: No J-link probe detected.
                ===== STLink Interface =====
                ST-LINK error (DEV_CONNECT_ERR)

                -------- Connected ST-LINK Probes List --------

                ST-Link Probe 0 :
                   ST-LINK SN  : 5&1E237D3C&0&3
                   ST-LINK FW  :
                   Access Port Number  : 0
                   Board Name  :

                ST-Link Probe 1 :
                   ST-LINK SN  : 56FF6F066682495259282187
                   ST-LINK FW  : V2J45S7
                   Access Port Number  : 1
                   Board Name  :
                -----------------------------------------------
                """;
        assertEquals(List.of(new ProbeListing.Probe(ProbeListing.Kind.STLINK, "56FF6F066682495259282187", "V2J45S7")),
                ProbeListing.parse(out));
    }

    @Test
    void stLinkOfV220AndDfuDevicesOfV250() {
        String st = """
                      ===== STLink Interface =====

                      -------- Connected ST-LINK Probes List --------

                      ST-Link Probe 0 :
                         ST-LINK SN  : 066CFF383333554157243011
                         ST-LINK FW  : V2J34M25
                      -----------------------------------------------
                """;
        assertEquals("066CFF383333554157243011", ProbeListing.parse(st).get(0).id());
        String usb = """
                      =====  DFU Interface   =====

                      Total number of available STM32 device in DFU mode: 2

                        Device Index           : USB1
                        USB Bus Number         : 002
                        Serial number          : 001C002E3438511538333630
                        Device ID              : 0x0500

                        Device Index           : USB2
                        Serial number          : 2079386A5453
                """;
        List<ProbeListing.Probe> p = ProbeListing.parse(usb);
        assertEquals(List.of("usb1", "usb2"), p.stream().map(ProbeListing.Probe::id).toList());
        assertEquals("usb", p.get(0).iface());
        assertEquals(List.of(), ProbeListing.parse("===== STLink Interface =====\nError: No ST-Link detected!\n"));
    }

    @Test
    void theLaneAddsItsSerialOrPortToEveryConnection() {
        ProbeListing.Probe st = new ProbeListing.Probe(ProbeListing.Kind.STLINK, "066CFF383333554157243011", null);
        assertEquals(List.of("-c", "port=swd", "sn=066CFF383333554157243011", "mode=UR", "-fwdelete"),
                LaneBackend.rewrite(List.of("-c", "port=swd", "mode=UR", "-fwdelete"), st));
        ProbeListing.Probe usb = new ProbeListing.Probe(ProbeListing.Kind.DFU, "usb3", null);
        assertEquals(List.of("-c", "port=usb3", "-fwdelete"), LaneBackend.rewrite(List.of("-c", "port=usb1",
                "-fwdelete"), usb));
    }
}
