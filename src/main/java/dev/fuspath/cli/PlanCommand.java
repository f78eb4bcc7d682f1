package dev.fuspath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.PlanSet;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.app.CatalogHolder;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true, description = {
        "Compute, offline on the bundled catalog, the ordered steps that take a part from its FUS and stack to the"
                + " wanted stack of a release.",
        "Exit status: 0 a plan, 2 malformed input, 6 unknown chip or release, 7 no such plan (the message lists"
                + " what exists instead; with several --fus versions, 7 when any of them has no plan)."})
public class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--chip", required = true, paramLabel = "PART", description = "Part number or ordering code, e.g. STM32WB55RG or STM32WB55CEU6.")
    String chip;

    @Option(names = "--fus", required = true, paramLabel = "VERSION[,VERSION...]", description = "Running FUS: 1.2.0, v1.2.0, or the word at 0x20030030 (01020000); several, comma-separated (1.1.0,1.2.0,2.1.0), give one plan each.")
    String fus;

    @Option(names = "--stack", paramLabel = "STACK", description = "Installed stack: none (default), or name and version, e.g. 'BLE_Stack_full 1.13.1'.")
    String stack;

    @Option(names = "--target", paramLabel = "STACK", description = "Wanted stack name (BLE_Stack_full) or upstream file name; omit for a FUS-only plan.")
    String target;

    @Option(names = "--release", paramLabel = "TAG", description = "Release tag (default: the newest).")
    String release;

    @Option(names = "--interface", paramLabel = "swd|usb", description = "Programmer interface (default: swd).")
    String iface;

    @Option(names = "--fus-only", description = "Only bring FUS to what the release expects.")
    boolean fusOnly;

    @Option(names = "--anti-rollback", description = "Activate anti-rollback after the install (cannot be undone).")
    boolean antiRollback;

    @Option(names = "--delete-stack", description = "Delete the installed stack before the install even where FUS 2.x would upgrade it in place (the pairing/bonding data is then lost).")
    boolean deleteStack;

    @Option(names = "--json", description = "Print the plan as the API gives it.")
    boolean json;

    private final CatalogHolder holder;

    public PlanCommand(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (fusOnly && target != null) {
            // as fuspath flash: a FUS-only plan has no target stack
            spec.commandLine().getErr().println("fuspath plan: --target and --fus-only exclude each other");
            return ExitCodes.USAGE;
        }
        Planner.Request request = new Planner.Request(chip, fus, stack, target, release, iface, fusOnly,
                antiRollback, deleteStack);
        if (Planner.severalFus(fus)) {
            return several(out, request);
        }
        Plan plan;
        try {
            plan = holder.planner().plan(request);
        } catch (PlanException e) {
            spec.commandLine().getErr().println("fuspath plan: " + e.getMessage());
            return ExitCodes.of(e.reason());
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plan));
            return ExitCodes.OK;
        }
        print(out, plan);
        return ExitCodes.OK;
    }

    /** One plan per starting FUS: exit 0 when every version has one, 7 when one or more are refused. */
    private int several(PrintWriter out, Planner.Request request) throws Exception {
        PlanSet set;
        try {
            set = holder.planner().plans(request);
        } catch (PlanException e) {
            spec.commandLine().getErr().println("fuspath plan: " + e.getMessage());
            return ExitCodes.of(e.reason());
        }
        boolean refused = set.plans().stream().anyMatch(p -> p.plan() == null);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(set));
            return refused ? ExitCodes.NO_PLAN : ExitCodes.OK;
        }
        out.println("plans " + set.id() + ": " + set.plans().size() + " starting FUS versions");
        for (PlanSet.Entry entry : set.plans()) {
            out.printf("%n=== FUS %s ===%n", entry.fus());
            if (entry.plan() == null) {
                out.println("no plan (" + entry.status() + "): " + entry.detail());
            } else {
                print(out, entry.plan());
            }
        }
        return refused ? ExitCodes.NO_PLAN : ExitCodes.OK;
    }

    private static void print(PrintWriter out, Plan plan) {
        out.printf("%s (%s, %s flash) on %s over %s: FUS %s, stack %s -> FUS %s, stack %s%n", plan.chip().part(),
                plan.chip().family(), plan.chip().flash(), plan.release(), plan.iface().toUpperCase(),
                plan.from().fus(), plan.from().stack(), plan.to().fus(), plan.to().stack());
        out.println("plan " + plan.id());
        if (plan.steps().isEmpty()) {
            out.println("no steps: nothing to do");
        }
        for (PlanStep s : plan.steps()) {
            out.printf("%n%d. %s%s%n   %s%n", s.n(), s.action(), s.file() == null ? "" : " " + s.file()
                    + (s.address() == null ? "" : " at " + s.address())
                    + (s.notesAddress() == null ? "" : " (table address " + s.notesAddress() + ")")
                    + (s.addressIfFusV2OnlyBefore() == null ? "" : " (or " + s.addressIfFusV2OnlyBefore()
                    + " if an image marked FUS_v2 only was ever installed)"), s.why());
            if (s.sha256() != null) {
                out.printf("   sha256 %s, %d bytes%n", s.sha256(), s.size());
            }
            out.println("   STM32_Programmer_CLI " + String.join(" ", s.command()));
        }
        if (!plan.warnings().isEmpty()) {
            out.println();
            plan.warnings().forEach(w -> out.println(w.startsWith("error: ") ? w : "warning: " + w));
        }
    }
}
