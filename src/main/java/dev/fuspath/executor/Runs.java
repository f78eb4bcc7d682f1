package dev.fuspath.executor;

import dev.fuspath.planner.StepAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The journal's events grouped by run, for {@code fuspath history} and {@code --resume}. */
public final class Runs {

    /**
     * One run as the journal tells it.
     *
     * @param outcome  from its run-end; {@link RunOutcome#INTERRUPTED} when it has none
     * @param lastStep the last step started, 0 when none
     */
    public record Run(String id, String started, String ended, FlashRequest request, DeviceFacts device, String planId,
                      String resumes, RunOutcome outcome, Integer exitCode, int lastStep, StepAction lastAction, String message,
                      String fix, List<FlashEvent> events) {

        public boolean finished() {
            return outcome.finished();
        }
    }

    private Runs() {
    }

    public static List<Run> of(List<FlashEvent> events) {
        Map<String, List<FlashEvent>> byRun = new LinkedHashMap<>();
        for (FlashEvent e : events) {
            byRun.computeIfAbsent(e.run(), k -> new ArrayList<>()).add(e);
        }
        List<Run> runs = new ArrayList<>();
        for (Map.Entry<String, List<FlashEvent>> entry : byRun.entrySet()) {
            runs.add(summarize(entry.getKey(), entry.getValue()));
        }
        return runs;
    }

    private static Run summarize(String id, List<FlashEvent> events) {
        String started = events.get(0).time();
        FlashRequest request = null;
        String resumes = null;
        DeviceFacts device = null;
        String planId = null;
        FlashEvent end = null;
        int lastStep = 0;
        StepAction lastAction = null;
        String message = null;
        String fix = null;
        for (FlashEvent e : events) {
            switch (e.type()) {
                case RUN_START -> {
                    request = e.request();
                    resumes = e.resumes();
                }
                case PREFLIGHT -> device = device == null ? e.device() : device;
                case PLAN -> planId = e.planId();
                case STEP_START -> {
                    lastStep = e.step() == null ? lastStep : e.step();
                    lastAction = e.action();
                }
                case RUN_END -> end = e;
                default -> {
                }
            }
            if (e.ok() != null && !e.ok()) {
                message = e.message();
                fix = e.fix();
            }
        }
        RunOutcome outcome = end == null ? RunOutcome.INTERRUPTED : end.outcome() == null ? RunOutcome.STOPPED
                : end.outcome();
        if (end != null && end.message() != null) {
            message = end.message();
            fix = end.fix();
        }
        return new Run(id, started, end == null ? null : end.time(), request, device, planId, resumes, outcome,
                end == null ? null : end.exitCode(), lastStep, lastAction, message, fix, List.copyOf(events));
    }

    /** The newest run, when it did not finish: what --resume continues. */
    public static Optional<Run> unfinished(List<Run> runs) {
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        Run last = runs.get(runs.size() - 1);
        return last.finished() || last.request() == null ? Optional.empty() : Optional.of(last);
    }

    /** The runs a run continues, itself included, oldest first. */
    public static List<Run> chain(List<Run> runs, Run run) {
        Map<String, Run> byId = new LinkedHashMap<>();
        runs.forEach(r -> byId.put(r.id(), r));
        List<Run> chain = new ArrayList<>();
        Run r = run;
        while (r != null && !chain.contains(r)) {
            chain.add(0, r);
            r = r.resumes() == null ? null : byId.get(r.resumes());
        }
        return chain;
    }
}
