package dev.fuspath.web.pages;

import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.planner.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The diagnose page: the form, and after a log was sent what it was, the session it shows, the findings with the
 * log lines they rest on, and the corrected plan. {@code result} is null before a log is sent and when it was
 * refused ({@code problem} says why).
 */
public record DiagnoseView(DiagnoseForm form, String problem, Result result) {

    /** Line numbers listed past the excerpts of a finding. */
    static final int MAX_MORE_LINES = 30;

    static final DiagnoseView EMPTY = new DiagnoseView(DiagnoseForm.EMPTY, null, null);

    /**
     * @param source what was sent: pasted text or a file by its name
     * @param read   what fuspath read it as
     * @param hints  the chip and FUS version given, null when none
     */
    public record Result(Diagnosis diagnosis, String source, String read, String hints, SessionSummary session,
                         List<FindingView> findings, String counts, PlanSection plan) {
    }

    /** One finding, its evidence as excerpts of the log, and the evidence lines past the excerpts. */
    public record FindingView(Diagnosis.Finding finding, String id, String lines, List<LogExcerpts.Excerpt> excerpts,
                              String moreLines) {
    }

    /**
     * The corrected plan: the plan and its page, or why there is none.
     *
     * @param pageUrl the /plan address of the same plan, to share
     */
    public record PlanSection(String assumption, String unavailable, PlanView plan, String pageUrl) {
    }

    static DiagnoseView refused(DiagnoseForm form, String problem) {
        return new DiagnoseView(form, problem, null);
    }

    /**
     * @param log    the text diagnosed
     * @param source what was sent, in words
     * @param form   the form to show again
     */
    static DiagnoseView of(Diagnosis d, String log, String source, DiagnoseForm form) {
        String hints = form.chip().isEmpty() && form.fus().isEmpty() ? null
                : (form.chip().isEmpty() ? "" : "chip " + form.chip())
                + (!form.chip().isEmpty() && !form.fus().isEmpty() ? ", " : "")
                + (form.fus().isEmpty() ? "" : "FUS " + form.fus());
        Result result = new Result(d, source, read(d), hints,
                d.session() == null ? null : SessionSummary.of(d.session()), findings(d, log), counts(d.findings()),
                plan(d));
        return new DiagnoseView(form, null, result);
    }

    private static String read(Diagnosis d) {
        Diagnosis.Input in = d.input();
        String size = String.format(Locale.ROOT, "%,d characters", in.characters());
        return switch (in.kind()) {
            case "cubeprogrammer" -> String.format(Locale.ROOT, "a STM32CubeProgrammer log of %,d lines (%s)",
                    in.lines(), size);
            case "empty" -> "empty text: there is nothing to read";
            case "binary" -> "binary data, not a text log (" + size + ")";
            case "too-large" -> "a text too large to read (" + size + ")";
            default -> String.format(Locale.ROOT, "%,d lines (%s) that are not STM32CubeProgrammer output%s",
                    in.lines(), size, in.tool() == null ? "" : "; they look like " + in.tool() + "'s");
        };
    }

    private static List<FindingView> findings(Diagnosis d, String log) {
        int lineCount = d.input().lines();
        List<List<int[]>> windows = d.findings().stream()
                .map(f -> LogExcerpts.windows(f.evidence(), lineCount)).toList();
        SortedSet<Integer> wanted = new TreeSet<>();
        windows.forEach(w -> wanted.addAll(LogExcerpts.numbers(w)));
        Map<Integer, String> text = LogExcerpts.lines(log, wanted);
        List<FindingView> out = new ArrayList<>();
        for (int i = 0; i < d.findings().size(); i++) {
            Diagnosis.Finding f = d.findings().get(i);
            List<LogExcerpts.Excerpt> excerpts = windows.get(i).stream()
                    .map(w -> LogExcerpts.excerpt(w, text, f.evidence())).toList();
            List<Integer> more = LogExcerpts.outside(f.evidence(), windows.get(i));
            out.add(new FindingView(f, "finding-" + (i + 1), lines(f.evidence()), excerpts, moreLines(more)));
        }
        return List.copyOf(out);
    }

    /** "line 12", "lines 12, 31"; null for none. */
    static String lines(List<Integer> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        String listed = lines.stream().limit(MAX_MORE_LINES).map(String::valueOf).collect(Collectors.joining(", "));
        return (lines.size() == 1 ? "line " : "lines ") + listed
                + (lines.size() > MAX_MORE_LINES ? " and " + (lines.size() - MAX_MORE_LINES) + " more" : "");
    }

    private static String moreLines(List<Integer> more) {
        return more.isEmpty() ? null : "Also on " + lines(more) + ".";
    }

    static String counts(List<Diagnosis.Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity().equals(Diagnosis.ERROR)).count();
        long warnings = findings.stream().filter(f -> f.severity().equals(Diagnosis.WARNING)).count();
        long infos = findings.size() - errors - warnings;
        List<String> parts = new ArrayList<>();
        parts.add(plural(errors, "error"));
        parts.add(plural(warnings, "warning"));
        parts.add(plural(infos, "note"));
        return String.join(", ", parts);
    }

    private static String plural(long n, String word) {
        return (n == 0 ? "no" : String.valueOf(n)) + " " + word + (n == 1 ? "" : "s");
    }

    private static PlanSection plan(Diagnosis d) {
        Diagnosis.CorrectedPlan corrected = d.correctedPlan();
        if (corrected == null) {
            return d.hasErrors() ? new PlanSection(null, "the log shows no install of an image fuspath can identify,"
                    + " so there is no plan to correct", null, null) : null;
        }
        if (corrected.plan() == null) {
            return new PlanSection(corrected.assumption(), corrected.unavailable(), null, null);
        }
        LookupForm lookup = lookup(corrected.plan());
        return new PlanSection(corrected.assumption(), null, PlanView.of(corrected.plan(), lookup),
                "/plan?" + lookup.query());
    }

    /** The lookup that gives the same plan on the plan page: no stack installed, to the plan's stack or FUS only. */
    static LookupForm lookup(Plan plan) {
        String stack = plan.to().stack();
        String target = stack == null || stack.equals("none") ? "" : stack.split(" ")[0];
        return new LookupForm(plan.chip().part(), plan.from().fus(), "", target, plan.release(), plan.iface());
    }
}
