package dev.fuspath.web.pages;

import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plan as the plan page shows it: each step with its command line ready to copy. */
public record PlanView(Plan plan, List<Step> steps, String script, String apiUrl, String ships) {

    static final String PROGRAMMER = "STM32_Programmer_CLI";

    /**
     * One step; {@code computedAddress} is set only when it differs from the notes' address; {@code download} is
     * the link to the step's file, named as the plan names it, when the service keeps a mirror (else null).
     */
    public record Step(PlanStep step, String title, String size, String computedAddress, String expect,
                       String commandLine, String download) {
    }

    static PlanView of(Plan plan, LookupForm form) {
        return of(plan, form, false);
    }

    /** With {@code downloads}, each file links to its bytes (the service keeps a mirror to send them from). */
    static PlanView of(Plan plan, LookupForm form, boolean downloads) {
        List<Step> steps = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            String computed = s.computedAddress() != null && !s.computedAddress().equalsIgnoreCase(String.valueOf(s.address()))
                    ? s.computedAddress() : null;
            String download = downloads && s.file() != null && s.sha256() != null
                    ? dev.fuspath.web.BinaryContentResource.link(s.sha256(), s.file()) : null;
            steps.add(new Step(s, s.action().title(),
                    s.size() == null ? null : Pages.bytes(s.size()), computed, expect(s.expect()), commandLine(s.command()),
                    download));
        }
        String script = steps.stream().map(Step::commandLine).collect(Collectors.joining("\n"));
        return new PlanView(plan, List.copyOf(steps), script, "/api/v1/plan?" + form.query(), ships(plan));
    }

    /**
     * What the release ships, said so that its version is not taken for the stack's: "STM32CubeWB v1.13.1 ships
     * BLE_Stack_full 1.13.0 and FUS 1.2.0".
     */
    static String ships(Plan plan) {
        String stack = plan.to().stack();
        return "STM32CubeWB " + plan.release() + " ships "
                + (stack == null || stack.equalsIgnoreCase("none") ? "" : stack + " and ")
                + "FUS " + plan.to().fus();
    }

    private static String expect(PlanStep.Expect e) {
        if (e == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        if (e.fusState() != null) {
            parts.add("FUS state " + e.fusState() + (e.fusStatus() == null ? "" : " / " + e.fusStatus()));
        }
        if (e.fus() != null) {
            parts.add("FUS " + e.fus());
        }
        if (e.stack() != null) {
            parts.add("stack " + e.stack());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /** The command as a shell takes it; arguments with shell characters are single-quoted. */
    static String commandLine(List<String> args) {
        StringBuilder line = new StringBuilder(PROGRAMMER);
        for (String a : args == null ? List.<String>of() : args) {
            line.append(' ').append(a.matches("[A-Za-z0-9_./=:,+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
