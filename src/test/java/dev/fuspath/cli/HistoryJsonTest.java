package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.executor.FlashRequest;
import org.junit.jupiter.api.Test;

/** history --json names the interface as the journal's events do (issue 14: it said "iface"). */
class HistoryJsonTest {

    @Test
    void historySaysInterfaceLikeTheEvents() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String view = json.writeValueAsString(new HistoryCommand.RunView("r1", "t0", "t1", "STM32WB55RG",
                "BLE_Stack_full", "v1.23.0", "usb", null, dev.fuspath.executor.RunOutcome.COMPLETED, 0, 7, dev.fuspath.planner.StepAction.SET_OPTION_BYTES, null, null, null,
                null));
        String event = json.writeValueAsString(new FlashRequest("STM32WB55RG", "BLE_Stack_full", "v1.23.0", "usb",
                false, null, null));
        assertTrue(event.contains("\"interface\":\"usb\""), event);
        assertTrue(view.contains("\"interface\":\"usb\""), view);
        assertFalse(view.contains("iface"), view);
    }
}
