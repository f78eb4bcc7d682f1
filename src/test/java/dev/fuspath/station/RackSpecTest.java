package dev.fuspath.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.simulator.RackSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** --simulate-rack: the short form, the JSON form, and every malformed one refused with what is wrong. */
class RackSpecTest {

    @Test
    void theShortFormCyclesValuesOverTheProbes() {
        RackSpec r = RackSpec.parse("8:fus=0.5.3,1.1.0,1.2.0,2.1.0:stack=none,BLE_Stack_full@1.13.0@0x080C7000"
                + ":boards=2");
        assertEquals(8, r.probes().size());
        assertEquals("1.1.0", r.probes().get(0).boards().get(1).device().fus().toString());
        assertTrue(r.probes().get(0).boards().get(1).device().hasStack());
        Set<String> uids = new HashSet<>();
        Set<String> sns = new HashSet<>();
        r.probes().forEach(p -> {
            sns.add(p.sn());
            p.boards().forEach(b -> uids.add(b.uid()));
        });
        assertEquals(8, sns.size());
        assertEquals(16, uids.size(), "every board has its own unique ID");
        assertTrue(uids.stream().allMatch(u -> u.matches("[0-9A-F]{24}")));
        assertEquals("usb2", RackSpec.parse("2:fus=1.2.0:interface=usb").probes().get(1).sn());
    }

    @Test
    void malformedRacksAreRefusedWithTheReason() {
        List<List<String>> cases = List.of(
                List.of("eight:fus=1.2.0", "is not a number of boards"),
                List.of("0:fus=1.2.0", "1 to 64 probes"),
                List.of("65:fus=1.2.0", "1 to 64 probes"),
                List.of("8:fus=9.x", "fus=9.x is not a version"),
                List.of("8:colour=red", "unknown rack key 'colour'"),
                List.of("8:fus=", "an empty value"),
                List.of("8:fus", "is not KEY=VALUES"),
                List.of("8:boards=0", "boards per probe"),
                List.of("64:boards=1000", "at most 10000"),
                List.of("2:stack=Nope", "give flash 1M"),
                List.of("2:flash=3M", "give flash 1M"),
                List.of("2:interface=jtag", "swd or usb"),
                List.of("", "the rack is empty"),
                List.of("{\"probes\": 3}", "{\"probes\": [...]}"),
                List.of("{\"probes\": []}", "at least one probe"),
                List.of("{\"probes\": [{\"boards\": [{\"uid\": \"XYZ\"}]}]}", "probes[0].boards[0].uid"),
                List.of("{\"probes\": [{\"sn\": \"a b\", \"boards\": []}]}", "probes[0].sn"),
                List.of("{\"probes\": [{\"boards\": [{\"fault\": \"melt\"}]}]}", "unknown fault 'melt'"),
                List.of("{not json", "not JSON"));
        for (List<String> c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RackSpec.parse(c.get(0)),
                    c.get(0));
            assertTrue(e.getMessage().contains(c.get(1)), c.get(0) + " -> " + e.getMessage());
        }
    }
}
