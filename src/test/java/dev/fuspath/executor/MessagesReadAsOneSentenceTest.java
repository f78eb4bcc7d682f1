package dev.fuspath.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.simulator.DeviceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Messages never nest (issue 14: "retrying (the call Connection to device 0x495 is lost ...)"): what a programmer
 * call came to is a clause with its own subject, put after a colon or a semicolon, never inside parentheses of the
 * message around it, and never glued to "the call" as if the programmer's words were a verb.
 */
class MessagesReadAsOneSentenceTest {

    private static final Pattern GLUED = Pattern.compile("the call [A-Z]");

    /** Parentheses inside parentheses, outside quotations (the programmer's own words are quoted as they are). */
    static boolean nests(String message) {
        int depth = 0;
        boolean quoted = false;
        for (char c : message.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                if (++depth > 1) {
                    return true;
                }
            } else if (!quoted && c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return false;
    }

    private static void assertReadsAsOneSentence(String message) {
        assertFalse(nests(message), "nested parentheses: " + message);
        assertFalse(GLUED.matcher(message).find(), "the programmer's words glued to 'the call': " + message);
        assertFalse(message.contains(". ("), message);
    }

    private static List<String> messages(List<FlashEvent> events, Flasher.Result result) {
        List<String> all = new ArrayList<>();
        events.stream().filter(e -> e.message() != null).forEach(e -> all.add(e.message()));
        if (result.message() != null) {
            all.add(result.message());
        }
        return all;
    }

    private static Flasher.Result run(FaultyDevice device, List<FlashEvent> events) throws Exception {
        FlashFixture.upstream();
        Path dir = Files.createTempDirectory("messages");
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            Flasher flasher = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(device)
                    .files(FlashFixture.upstreamFiles()).staging(dir.resolve("files")).journal(journal)
                    .listener(e -> {
                        device.onEvent(e);
                        events.add(e);
                    }).yes(true).retries(3, java.time.Duration.ZERO).build();
            return flasher.flash(FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"),
                    new OfflinePlans(FlashFixture.PLANNER), null);
        }
    }

    @Test
    void aLostConnectionIsRetriedWithOneSentence() throws Exception {
        List<String> retries = new ArrayList<>();
        // a power loss during a write: the programmer says the connection is lost, and the device is read back;
        // at steps 3 to 5 of the factory story (the FUS upgrades and the install), some keep the old state
        for (int step = 3; step <= 5; step++) {
            List<FlashEvent> events = new ArrayList<>();
            Flasher.Result result = run(new FaultyDevice(DeviceState.factory("1M"), FaultyDevice.Fault.POWER_LOSS,
                    step), events);
            events.stream().filter(e -> e.type() == FlashEvent.Type.RETRY).forEach(e -> retries.add(e.message()));
            messages(events, result).forEach(MessagesReadAsOneSentenceTest::assertReadsAsOneSentence);
        }
        assertFalse(retries.isEmpty(), "no step was retried");
        for (String retry : retries) {
            // what the call came to is the sentence's own subject (the programmer's quoted words, or "the call"),
            // then what the read-back showed
            assertTrue(retry.matches("(STM32_Programmer_CLI reported \"[^\"]+\" \\[[A-Z_0-9]+\\]|the call [a-z][^(]*)"
                    + ", and the device read back shows nothing changed, so the step is run again"), retry);
        }
    }

    @Test
    void aWriteErrorStopsWithOneSentence() throws Exception {
        List<FlashEvent> events = new ArrayList<>();
        Flasher.Result result = run(new FaultyDevice(DeviceState.factory("1M"), FaultyDevice.Fault.WRITE_ERROR, 3),
                events);
        assertFalse(result.ok());
        assertTrue(result.message().startsWith("step 3 (fus-upgrade) failed: "), result.message());
        assertTrue(result.message().contains("; STM32_Programmer_CLI reported \""), result.message());
        messages(events, result).forEach(MessagesReadAsOneSentenceTest::assertReadsAsOneSentence);
    }

    @Test
    void aHangAndAPowerLossReadAsOneSentence() throws Exception {
        for (FaultyDevice.Fault fault : List.of(FaultyDevice.Fault.HANG, FaultyDevice.Fault.POWER_LOSS)) {
            List<FlashEvent> events = new ArrayList<>();
            Flasher.Result result = run(new FaultyDevice(DeviceState.factory("1M"), fault, 4), events);
            messages(events, result).forEach(MessagesReadAsOneSentenceTest::assertReadsAsOneSentence);
        }
    }

    @Test
    void noDeviceReadsAsOneSentence() throws Exception {
        List<FlashEvent> events = new ArrayList<>();
        Backend nothing = args -> new Backend.Invocation(1, String.join("\n",
                "      -------------------------------------------------------------------",
                "                        STM32CubeProgrammer v2.17.0",
                "      -------------------------------------------------------------------",
                "",
                "Error: No STM32 target found! If your product embeds Debug Authentication, please perform a"
                        + " discovery using Debug Authentication", ""), false);
        Path dir = Files.createTempDirectory("messages-none");
        Flasher.Result result;
        try (Journal journal = Journal.open(dir.resolve("journal.jsonl"))) {
            result = Flasher.builder().exitCodes(dev.fuspath.cli.ExitCodes::of).catalog(FlashFixture.CATALOG).backend(nothing)
                    .files(FlashFixture.upstreamFiles()).staging(dir.resolve("files")).journal(journal)
                    .listener(events::add).retries(3, java.time.Duration.ZERO).build()
                    .flash(FlashFixture.request("STM32WB55RG", "BLE_Stack_full", null, "swd"),
                            new OfflinePlans(FlashFixture.PLANNER), null);
        }
        assertEquals(FlashException.Reason.DEVICE_REFUSED, result.reason(), result.message());
        assertTrue(result.message().startsWith("no device could be read in 3 attempts: STM32_Programmer_CLI"
                + " reported \"No STM32 target found"), result.message());
        messages(events, result).forEach(MessagesReadAsOneSentenceTest::assertReadsAsOneSentence);
    }

    @Test
    void theCheckFindsNesting() {
        assertTrue(nests("retrying (the call Connection to device 0x495 is lost (CONNECTION_LOST))"));
        assertFalse(nests("step 3 (fus-upgrade) failed: x; STM32_Programmer_CLI reported \"a (b)\" [C]"));
    }
}
