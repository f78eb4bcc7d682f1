package dev.fuspath.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fuspath.catalog.CatalogFiles;
import dev.fuspath.executor.FlashEvent;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.planner.Procedures;
import dev.fuspath.rules.Rules;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What fuspath flash prints for people: step lines that say what they do, warnings first, progress live only. */
class EventPrinterTest {

    private static Plan story;
    private static Plan warned;

    @BeforeAll
    static void plans() throws Exception {
        Planner planner = new Planner(CatalogFiles.readClasspath(EventPrinterTest.class.getClassLoader()),
                Rules.bundled(), ChipRules.bundled(), Procedures.bundled());
        story = planner.plan(new Planner.Request("STM32WB55RG", "0.5.3", null, "BLE_Stack_full", "v1.23.0", "swd",
                false, false));
        warned = story; // it warns (PlanCliTest: "FUS_v2 only")
    }

    private static FlashEvent planEvent(Plan plan) {
        return FlashEvent.of(FlashEvent.Type.PLAN, "run-1").planId(plan.id()).plan(plan).message("plan " + plan.id()).at("t");
    }

    private static FlashEvent start(Plan plan, int n) {
        PlanStep s = plan.steps().get(n - 1);
        return FlashEvent.of(FlashEvent.Type.STEP_START, "run-1").step(s.n(), s.action()).command(s.command()).at("t");
    }

    private static FlashEvent end(Plan plan, int n) {
        PlanStep s = plan.steps().get(n - 1);
        return FlashEvent.of(FlashEvent.Type.STEP_END, "run-1").step(s.n(), s.action()).ok(true).programmerMs(41_234).at("t");
    }

    @Test
    void eachStepLineSaysWhatItDoes() {
        StringWriter text = new StringWriter();
        FlashCommand.EventPrinter printer = new FlashCommand.EventPrinter(new PrintWriter(text), false, false);
        printer.print(planEvent(story));
        for (int n = 1; n <= story.steps().size(); n++) {
            printer.print(start(story, n));
            printer.print(end(story, n));
        }
        String out = text.toString();
        assertTrue(out.contains("[3/7] fus-upgrade 0.5.3 -> 1.2.0 stm32wb5x_FUS_fw_for_fus_0_5_3.bin @ 0x080EC000 ... ok (41.2 s)\n"), out);
        assertTrue(out.contains("[4/7] fus-upgrade 1.2.0 -> 2.1.0 stm32wb5x_FUS_fw.bin @ 0x080EE000 ... ok"), out);
        assertTrue(out.contains("[5/7] stack-install -> BLE_Stack_full 1.23.0 stm32wb5x_BLE_Stack_full_fw.bin @ 0x080D0000 ... ok"), out);
        assertTrue(out.contains("[7/7] set-option-bytes ... ok"), out);
        assertFalse(out.contains("\r") || out.contains("\u001b"), "piped output is plain: " + out);
    }

    @Test
    void warningsComeBeforeTheFirstStep() {
        assertFalse(warned.warnings().isEmpty(), "this plan warns: " + warned);
        StringWriter text = new StringWriter();
        FlashCommand.EventPrinter printer = new FlashCommand.EventPrinter(new PrintWriter(text), false, false);
        printer.print(planEvent(warned));
        printer.print(start(warned, 1));
        String out = text.toString();
        int firstStep = out.indexOf("[1/");
        for (String w : warned.warnings()) {
            int at = out.indexOf(w.startsWith("error: ") ? w : "warning: " + w);
            assertTrue(at >= 0 && at < firstStep, "warning before the first step: " + w + "\n" + out);
        }
    }

    @Test
    void aTerminalSeesTheStepRedrawnWithTimeAndTheProgrammersProgress() throws Exception {
        StringWriter text = new StringWriter();
        try (FlashCommand.EventPrinter printer = new FlashCommand.EventPrinter(new PrintWriter(text), false, true)) {
            printer.print(planEvent(story));
            printer.print(start(story, 3));
            String line = "[3/7] fus-upgrade 0.5.3 -> 1.2.0 stm32wb5x_FUS_fw_for_fus_0_5_3.bin @ 0x080EC000 ... ";
            assertTrue(text.toString().contains("\r" + line + "0 s\u001b[K"), text.toString());
            printer.programmerLine("[====================== ] 45%");
            assertTrue(text.toString().contains("\r" + line + "0 s, download 45%\u001b[K"), text.toString());
            printer.programmerLine("Waiting for firmware upgrade end");
            assertTrue(text.toString().endsWith("\r" + line + "0 s, waiting for firmware upgrade end\u001b[K"),
                    text.toString());
            printer.programmerLine("an unrelated line");
            Thread.sleep(2300);
            assertTrue(text.toString().contains("\r" + line + "2 s, waiting for firmware upgrade end\u001b[K")
                    || text.toString().contains("\r" + line + "1 s, waiting for firmware upgrade end\u001b[K"),
                    "the elapsed time ticks: " + text);
            printer.print(end(story, 3));
            assertTrue(text.toString().endsWith("\r" + line + "ok (41.2 s)\u001b[K" + System.lineSeparator()),
                    text.toString());
            int length = text.toString().length();
            Thread.sleep(1300);
            assertEquals(length, text.toString().length(), "nothing is redrawn between steps");
        }
    }

    @Test
    void aRetryIsItsOwnLineNotANestedParenthesis() {
        StringWriter text = new StringWriter();
        FlashCommand.EventPrinter printer = new FlashCommand.EventPrinter(new PrintWriter(text), false, false);
        printer.print(planEvent(story));
        printer.print(start(story, 3));
        printer.print(FlashEvent.of(FlashEvent.Type.RETRY, "run-1").step(3, dev.fuspath.planner.StepAction.FUS_UPGRADE)
                .message("the call lost the connection (Connection to device 0x495 is lost); the device read back"
                        + " shows nothing changed, so the step is run again").at("t"));
        printer.print(end(story, 3));
        String out = text.toString();
        assertFalse(out.contains("retrying ("), out);
        assertTrue(out.contains("\n    retry: the call lost the connection"), out);
        assertTrue(out.contains("so the step is run again\n[3/7] fus-upgrade 0.5.3 -> 1.2.0"), out);
    }

    @Test
    void jsonIsUnchangedByProgress() {
        StringWriter text = new StringWriter();
        FlashCommand.EventPrinter printer = new FlashCommand.EventPrinter(new PrintWriter(text), true, true);
        printer.print(start(story, 3));
        printer.programmerLine("Waiting for firmware upgrade end");
        printer.print(end(story, 3));
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        assertTrue(lines[0].startsWith("{\"time\":\"t\",\"type\":\"step-start\""), lines[0]);
        assertFalse(text.toString().contains("\r"));
    }
}
