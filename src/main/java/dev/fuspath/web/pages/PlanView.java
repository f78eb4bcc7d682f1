package dev.fuspath.web.pages;

import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plan as the plan page shows it: each step with its command line ready to copy. */
public record PlanView(Plan plan, List<Step> steps, String script, String apiUrl) {

    static final String PROGRAMMER = "STM32_Programmer_CLI";

    /** One step; {@code computedAddress} is set only when it differs from the notes' address. */
    public record Step(PlanStep step, String title, String size, String computedAddress, String expect,
                       String commandLine) {
    }

    static PlanView of(Plan plan, LookupForm form) {
        List<Step> steps = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            String computed = s.computedAddress() != null && !s.computedAddress().equalsIgnoreCase(String.valueOf(s.address()))
                    ? s.computedAddress() : null;
            steps.add(new Step(s, s.action().title(),
                    s.size() == null ? null : Pages.bytes(s.size()), computed, expect(s.expect()), commandLine(s.command())));
        }
        String script = steps.stream().map(Step::commandLine).collect(Collectors.joining("\n"));
        return new PlanView(plan, List.copyOf(steps), script, "/api/v1/plan?" + form.query());
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
