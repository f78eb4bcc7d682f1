package dev.fuspath.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fuspath.executor.FlashRequest;
import dev.fuspath.executor.Journal;
import dev.fuspath.executor.RunOutcome;
import dev.fuspath.executor.Runs;
import dev.fuspath.planner.StepAction;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true, description = {
        "List past fuspath flash runs from the journal, newest last, with their outcome.",
        "Exit status: 0 listed (also when there is none), 2 bad command line, 4 the journal cannot be read."})
public class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--journal", paramLabel = "FILE", description = "The journal (default: as fuspath flash).")
    Path journalPath;

    @Option(names = "--json", description = "Print the runs as JSON.")
    boolean json;

    @Option(names = "--last", paramLabel = "N", defaultValue = "20", description = "Show the last N runs (default 20).")
    int last;

    /** A run as history shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunView(String run, String started, String ended, String chip, String target, String release,
                   @com.fasterxml.jackson.annotation.JsonProperty("interface") String iface, String resumes,
                   RunOutcome outcome, Integer exitCode, int lastStep, StepAction lastAction,
                   String device, String planId, String message, String fix) {
        static RunView of(Runs.Run r) {
            FlashRequest q = r.request();
            return new RunView(r.id(), r.started(), r.ended(), q == null ? null : q.chip(),
                    q == null ? null : q.target(), q == null ? null : q.release(), q == null ? null : q.iface(),
                    r.resumes(), r.outcome(), r.exitCode(), r.lastStep(), r.lastAction(),
                    r.device() == null ? null : r.device().describe(), r.planId(), r.message(), r.fix());
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (last < 1) {
            err.println("fuspath history: --last must be at least 1");
            return ExitCodes.USAGE;
        }
        Path path = journalPath != null ? journalPath : Journal.defaultPath();
        Journal.Contents contents;
        try {
            contents = Journal.read(path);
        } catch (IOException e) {
            err.println("fuspath history: cannot read " + path + ": " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
        // flash runs only: a command line refused as such (exit 2, nothing done; older fuspath versions journaled
        // a missing --firmware-dir/--server so) is no run
        List<Runs.Run> runs = Runs.of(contents.events()).stream()
                .filter(r -> !(r.outcome() == RunOutcome.REFUSED && Integer.valueOf(ExitCodes.USAGE).equals(r.exitCode())))
                .toList();
        List<RunView> views = runs.subList(Math.max(0, runs.size() - last), runs.size()).stream().map(RunView::of)
                .toList();
        for (Journal.Skipped skipped : contents.skipped()) {
            err.println("fuspath history: " + skipped.describe(path));
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(views));
            return ExitCodes.OK;
        }
        if (views.isEmpty()) {
            out.println("no runs in " + path);
            return ExitCodes.OK;
        }
        for (RunView v : views) {
            out.printf("%s  %-11s %s -> %s%s over %s%s%n", v.run(), v.outcome(), v.chip() == null ? "(chip from device)" : v.chip(),
                    v.target() == null ? "FUS only" : v.target(), v.release() == null ? "" : " " + v.release(),
                    v.iface() == null ? "?" : v.iface(), v.resumes() == null ? "" : "  (resumes " + v.resumes() + ")");
            if (v.device() != null) {
                out.println("    device at start: " + v.device());
            }
            if (v.lastStep() > 0) {
                out.println("    last step: " + v.lastStep() + " " + v.lastAction());
            }
            if (v.message() != null) {
                out.println("    " + v.message());
            }
            if (v.fix() != null && v.outcome() != RunOutcome.COMPLETED) {
                out.println("    fix: " + v.fix());
            }
        }
        return ExitCodes.OK;
    }
}
