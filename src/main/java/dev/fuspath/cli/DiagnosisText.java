package dev.fuspath.cli;

import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The human-readable form of a diagnosis: the session, the findings with their lines and remedy, the plan. */
final class DiagnosisText {

    private DiagnosisText() {
    }

    static void print(String name, Diagnosis d, PrintWriter out) {
        Diagnosis.Session s = d.session();
        if (s == null) {
            out.printf("%s: %d characters, not read as a STM32CubeProgrammer log%n", name, d.input().characters());
        } else {
            session(name, d, s, out);
        }
        out.println();
        out.println("findings:");
        for (Diagnosis.Finding f : d.findings()) {
            out.printf("  %-7s %s%s%n", f.severity(), f.code(), f.evidence().isEmpty() ? ""
                    : " (line" + (f.evidence().size() > 1 ? "s " : " ") + lines(f.evidence()) + ")");
            out.println("          " + f.message());
            if (!f.causes().isEmpty()) {
                out.println("          likely: " + String.join("; ", f.causes()));
            }
            if (f.remedy() != null) {
                out.println("          remedy: " + f.remedy());
            }
        }
        plan(d.correctedPlan(), out);
    }

    private static void session(String name, Diagnosis d, Diagnosis.Session s, PrintWriter out) {
        out.printf("%s: STM32CubeProgrammer %s log, %d lines, over %s%n", name,
                s.toolVersion() == null ? "(version not shown)" : s.toolVersion(), d.input().lines(), s.interfaceKind());
        out.printf("device %s%s, %s%n", s.deviceId() == null ? "ID not shown" : s.deviceId(),
                s.deviceName() == null ? "" : " (" + s.deviceName() + ")",
                s.flashSize() == null ? "flash size not shown" : s.flashSize() + " flash");
        versions("FUS", s.fusVersions(), out);
        versions("stack", s.stackVersions(), out);
        if (!s.operations().isEmpty()) {
            out.println("operations:");
        }
        for (Diagnosis.OperationView o : s.operations()) {
            StringBuilder b = new StringBuilder();
            if (o.file() != null) {
                b.append(' ').append(o.file());
            }
            if (o.sizeText() != null) {
                b.append(", ").append(o.sizeText());
            }
            if (o.address() != null) {
                b.append(o.file() == null ? " " : ", ").append("at ").append(o.address());
            }
            if (o.erase() != null && o.erase().from() != null) {
                b.append(", erased ").append(o.erase().from()).append('-').append(o.erase().to());
            }
            if (o.fusState() != null || o.fusStatus() != null) {
                b.append("; ").append(o.fusState() == null ? "" : o.fusState())
                        .append(o.fusState() != null && o.fusStatus() != null ? " / " : "")
                        .append(o.fusStatus() == null ? "" : o.fusStatus());
            }
            out.printf("  line %-5d %-18s %-9s%s%n", o.firstLine(), o.kind(), o.outcome(), b);
        }
    }

    private static void versions(String what, List<Diagnosis.VersionSeen> seen, PrintWriter out) {
        if (!seen.isEmpty()) {
            out.println(what + " versions seen: " + seen.stream()
                    .map(v -> (v.blank() ? "none (" + v.word() + ")" : v.version()) + " on line " + v.line())
                    .collect(Collectors.joining(", ")));
        }
    }

    private static void plan(Diagnosis.CorrectedPlan corrected, PrintWriter out) {
        if (corrected == null) {
            return;
        }
        out.println();
        if (corrected.plan() == null) {
            out.println("no corrected plan: " + corrected.unavailable());
            return;
        }
        Plan plan = corrected.plan();
        out.printf("corrected plan, %s on %s over %s: FUS %s, stack %s -> FUS %s, stack %s%n", plan.chip().part(),
                plan.release(), plan.iface().toUpperCase(), plan.from().fus(), plan.from().stack(), plan.to().fus(),
                plan.to().stack());
        out.println("  assuming " + corrected.assumption());
        for (PlanStep step : plan.steps()) {
            out.printf("  %d. %s%s%n", step.n(), step.action(), step.file() == null ? ""
                    : " " + step.file() + (step.address() == null ? "" : " at " + step.address()));
            out.println("     STM32_Programmer_CLI " + String.join(" ", step.command()));
        }
        plan.warnings().forEach(w -> out.println("  warning: " + w));
    }

    private static String lines(List<Integer> lines) {
        return lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
