package dev.fuspath.executor;

import dev.fuspath.image.FirmwareVersion;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.StepAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Whether what the device says after a step is what the step expects. */
public final class StepCheck {

    private StepCheck() {
    }

    /** Empty when the device is as the step expects; else what differs, for people. */
    public static Optional<String> verify(PlanStep step, DeviceFacts before, DeviceFacts after) {
        List<String> differences = new ArrayList<>();
        PlanStep.Expect expect = step.expect();
        switch (step.action()) {
            case START_FUS -> {
                if (!after.fusRunning()) {
                    differences.add("FUS does not answer");
                }
            }
            case READ_FUS_INFO, FUS_UPGRADE -> fus(expect, after, differences);
            case STACK_DELETE -> {
                fus(expect, after, differences);
                if (Boolean.TRUE.equals(after.stackInstalled())) {
                    differences.add("a stack (" + after.stack() + ") is still installed");
                }
            }
            case STACK_INSTALL -> {
                if (!Boolean.TRUE.equals(after.stackInstalled())) {
                    differences.add("no stack is installed");
                } else if (!after.stackRunning()) {
                    versions(expect, after, differences);
                }
            }
            case START_STACK -> {
                if (after.cpu2() != null && !after.stackRunning()) {
                    differences.add("CPU2 does not run the stack (it runs " + after.cpu2() + ")");
                }
            }
            case SET_OPTION_BYTES -> optionBytes(step, after, differences);
            default -> {
            }
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }

    /** The FUS and stack versions read back against the step's expect. */
    private static void versions(PlanStep.Expect expect, DeviceFacts after, List<String> differences) {
        fus(expect, after, differences);
        FirmwareVersion wanted = stackVersion(expect);
        if (wanted != null && (after.stack() == null || !after.stack().sameRelease(wanted))) {
            differences.add("the stack is " + after.stack() + ", not " + wanted);
        }
    }

    /**
     * What differs in what rests on an assumed output shape. These are notes for people, never a reason to refuse:
     * a listing printed otherwise than assumed must not stop a good install.
     * <ul>
     * <li>the SFSA line of {@code -ob displ}, which no public log shows (rules/programmer-output.json,
     *     option-byte-sfsa);</li>
     * <li>the versions read from the device information table while the stack runs: its layout comes from
     *     STM32CubeWB's mbox_def.h, but no public log shows such a dump (rules/programmer-output.json,
     *     assumedShapes, stack-table-dump); the table FUS keeps while it runs is public (st-177360) and is checked
     *     in {@link #verify}.</li>
     * </ul>
     */
    public static List<String> notes(PlanStep step, DeviceFacts before, DeviceFacts after) {
        List<String> notes = new ArrayList<>();
        if ((step.action() == StepAction.STACK_INSTALL || step.action() == StepAction.START_STACK)
                && after.stackRunning()) {
            List<String> differ = new ArrayList<>();
            versions(step.expect(), after, differ);
            differ.forEach(d -> notes.add(d + " (read from the table the running stack keeps, whose dump no public"
                    + " log shows, so this is a note: check the versions in STM32CubeProgrammer)"));
        }
        switch (step.action()) {
            case STACK_INSTALL -> {
                PlanStep.Expect expect = step.expect();
                if (expect != null && "FUS_NOT_RUNNING".equals(expect.fusStatus()) && after.fusRunning()) {
                    notes.add("CPU2 runs FUS after the install, not the new stack as the real tool's install ends"
                            + " (FUS_ERROR / FUS_NOT_RUNNING, then \"Firmware Upgrade Success\"); the start-stack"
                            + " step starts it");
                }
                Long address = hex(step.address());
                if (address != null && after.sfsaAddress() != null && !address.equals(after.sfsaAddress())) {
                    notes.add(String.format(Locale.ROOT, "the SFSA option byte read back says the secure area starts"
                            + " at 0x%08X, not at the install address %s (the SFSA line's shape is assumed, so this"
                            + " is a note: check the option bytes in STM32CubeProgrammer)", after.sfsaAddress(),
                            step.address()));
                }
            }
            case START_STACK -> {
                if (before != null && before.sfsaPage() != null && after.sfsaPage() != null
                        && !before.sfsaPage().equals(after.sfsaPage())) {
                    notes.add("the SFSA option byte read back differs from before the step (the secure area moved?"
                            + " the SFSA line's shape is assumed, so this is a note)");
                }
            }
            default -> {
            }
        }
        return notes;
    }

    /** Nothing the plan looks at differs: the step left no trace. */
    public static boolean unchanged(DeviceFacts before, DeviceFacts after) {
        return before != null && after != null && Objects.equals(before.fus(), after.fus())
                && Objects.equals(before.stackInstalled(), after.stackInstalled())
                && Objects.equals(before.stack(), after.stack()) && Objects.equals(before.sfsaPage(), after.sfsaPage());
    }

    private static void fus(PlanStep.Expect expect, DeviceFacts after, List<String> differences) {
        if (expect == null || expect.fus() == null) {
            return;
        }
        FirmwareVersion wanted = FirmwareVersion.parse(expect.fus());
        if (after.fus() == null) {
            differences.add("FUS does not answer (FUS " + wanted + " expected)");
        } else if (!after.fus().sameRelease(wanted)) {
            differences.add("FUS is " + after.fus() + ", not " + wanted);
        }
    }

    /** "BLE_Stack_full 1.13.0" gives 1.13.0; "none" and absent give null. */
    static FirmwareVersion stackVersion(PlanStep.Expect expect) {
        if (expect == null || expect.stack() == null) {
            return null;
        }
        String s = expect.stack().strip();
        int space = s.lastIndexOf(' ');
        if (space < 0) {
            return null;
        }
        try {
            return FirmwareVersion.parse(s.substring(space + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void optionBytes(PlanStep step, DeviceFacts after, List<String> differences) {
        for (String arg : step.command()) {
            int eq = arg.indexOf('=');
            if (eq <= 0 || arg.startsWith("-") || arg.toLowerCase(Locale.ROOT).startsWith("port=")
                    || arg.toLowerCase(Locale.ROOT).startsWith("mode=")) {
                continue;
            }
            String name = arg.substring(0, eq).toUpperCase(Locale.ROOT);
            Long wanted = number(arg.substring(eq + 1));
            Long seen = after.optionBytes().get(name);
            if (seen != null && wanted != null && !seen.equals(wanted)) {
                differences.add(String.format(Locale.ROOT, "option byte %s is 0x%X, not 0x%X", name, seen, wanted));
            }
        }
    }

    static Long hex(String text) {
        if (text == null || !text.toLowerCase(Locale.ROOT).startsWith("0x")) {
            return null;
        }
        try {
            return Long.parseLong(text.substring(2), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long number(String text) {
        Long h = hex(text);
        if (h != null) {
            return h;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
