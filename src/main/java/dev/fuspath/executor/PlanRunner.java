package dev.fuspath.executor;

import dev.fuspath.catalog.Sha256;
import dev.fuspath.image.FooterReader;
import dev.fuspath.image.FooterReading;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.programmer.FusCodes;
import dev.fuspath.programmer.FusVersion;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerError;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan step by step on a backend: every file is checked (SHA-256 and footer) before the device is touched,
 * each step's output is parsed, and after each step that changes FUS the device is read back and compared with
 * the step's expectation. The first failure stops the run with its cause. Groundwork of {@code fuspath flash}:
 * journal, resume and retries are not here yet.
 */
public final class PlanRunner {

    private final Backend backend;

    public PlanRunner(Backend backend) {
        this.backend = backend;
    }

    public ExecutionResult run(Plan plan, Map<String, byte[]> files) {
        List<StepEvent> events = new ArrayList<>();
        Optional<String> refused = checkFiles(plan, files);
        if (refused.isPresent()) {
            return new ExecutionResult(false, 0, refused.get(), events);
        }
        for (PlanStep step : plan.steps()) {
            Backend.Invocation invocation = backend.run(step.command());
            ProgrammerSession session = ProgrammerOutputParser.parse(invocation.output());
            Optional<String> failure = failure(step, invocation, session);
            if (failure.isEmpty()) {
                failure = unexpected(step, session);
            }
            if (failure.isPresent()) {
                events.add(new StepEvent(step.n(), step.action(), false, failure.get()));
                return new ExecutionResult(false, step.n(), failure.get(), events);
            }
            events.add(new StepEvent(step.n(), step.action(), true, "done"));
        }
        return new ExecutionResult(true, 0, null, events);
    }

    /** Every file the plan names is there, has the plan's checksum, and reads as a valid image. */
    private static Optional<String> checkFiles(Plan plan, Map<String, byte[]> files) {
        for (PlanStep step : plan.steps()) {
            if (step.file() == null) {
                continue;
            }
            byte[] bytes = files.get(step.file());
            if (bytes == null) {
                return Optional.of("step " + step.n() + " needs " + step.file() + ", which was not given: nothing"
                        + " was written to the device");
            }
            String sha = Sha256.of(bytes);
            if (!sha.equals(step.sha256())) {
                return Optional.of(step.file() + " has SHA-256 " + sha + ", not the " + step.sha256() + " the plan"
                        + " names: it is another file; nothing was written to the device");
            }
            FooterReading footer = FooterReader.read(bytes);
            if (!footer.valid()) {
                return Optional.of(step.file() + " has no valid image footer: nothing was written to the device");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> failure(PlanStep step, Backend.Invocation invocation, ProgrammerSession session) {
        if (invocation.hung()) {
            return Optional.of("step " + step.n() + " (" + step.action() + ") did not finish: read the device"
                    + " before going on, its effect is unknown");
        }
        List<String> codes = session.errors().stream().map(ProgrammerError::code).distinct().toList();
        boolean failed = invocation.exitCode() != 0
                || session.operations().stream().anyMatch(Operation::failed);
        if (!failed) {
            return Optional.empty();
        }
        String explained = codes.stream().map(c -> c + (FusCodes.explain(c).map(e -> " (" + e + ")").orElse("")))
                .reduce((a, b) -> a + "; " + b).orElse("exit code " + invocation.exitCode());
        return Optional.of("step " + step.n() + " (" + step.action() + ") failed: " + explained);
    }

    /** The FUS version the device reports after the step, against what the step expects. */
    private Optional<String> unexpected(PlanStep step, ProgrammerSession session) {
        PlanStep.Expect expect = step.expect();
        if (expect == null || expect.fus() == null) {
            return Optional.empty();
        }
        if (!step.action().equals("read-fus-info") && !step.action().equals("fus-upgrade")) {
            return Optional.empty();
        }
        Optional<FusVersion> seen = session.fusVersion();
        if (seen.isEmpty()) {
            List<String> readBack = new ArrayList<>(step.command().subList(0, connectionArguments(step.command())));
            readBack.addAll(List.of("-r32", "0x20030030", "1"));
            seen = ProgrammerOutputParser.parse(backend.run(readBack).output()).fusVersion();
        }
        if (seen.isEmpty()) {
            return Optional.of("after step " + step.n() + " the device did not report its FUS version");
        }
        if (!seen.get().text().equals(expect.fus())) {
            return Optional.of("after step " + step.n() + " the device runs FUS " + seen.get().text() + ", not the "
                    + expect.fus() + " the plan expects: make a new plan for the device as it is");
        }
        return Optional.empty();
    }

    /** How many leading arguments connect ("-c port=swd [mode=UR]"). */
    private static int connectionArguments(List<String> command) {
        int n = 0;
        if (!command.isEmpty() && command.get(0).equals("-c")) {
            n = 1;
            while (n < command.size() && !command.get(n).startsWith("-")) {
                n++;
            }
        }
        return n;
    }
}
