package dev.fuspath.executor.files;

import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sources tried in order: the first that gives a step's file, verified, wins; when none does, the exception keeps
 * each source's reason.
 */
public final class FirmwareSources implements FirmwareSource {

    private final List<FirmwareSource> sources;

    public FirmwareSources(List<? extends FirmwareSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public String describe() {
        return sources.isEmpty() ? "no source"
                : sources.stream().map(FirmwareSource::describe).collect(Collectors.joining(", then "));
    }

    @Override
    public Fetched fetch(PlanStep step) throws FirmwareUnavailableException {
        return fetch(step, null);
    }

    @Override
    public Fetched fetch(PlanStep step, String release) throws FirmwareUnavailableException {
        List<FirmwareUnavailableException.Attempt> attempts = new ArrayList<>();
        for (FirmwareSource source : sources) {
            try {
                return source.fetch(step, release);
            } catch (FirmwareUnavailableException e) {
                attempts.addAll(e.attempts());
            }
        }
        if (sources.isEmpty()) {
            attempts.add(new FirmwareUnavailableException.Attempt("no source",
                    "no firmware source was given: pass --firmware-dir (an STM32CubeWB checkout) or a fuspath server"));
        }
        throw new FirmwareUnavailableException(step.n(), step.file(), attempts);
    }

    /**
     * Every file of the plan, by file name, in step order, each with where it came from; the first step whose file
     * no source gives fails the whole call, so nothing is returned unless everything is there.
     */
    public Map<String, Fetched> fetchEach(Plan plan) throws FirmwareUnavailableException {
        Map<String, Fetched> files = new LinkedHashMap<>();
        Map<String, PlanStep> firstStep = new LinkedHashMap<>();
        for (PlanStep step : plan.steps()) {
            if (step.file() == null) {
                continue;
            }
            PlanStep earlier = firstStep.putIfAbsent(step.file(), step);
            if (earlier != null) {
                if (!String.valueOf(earlier.sha256()).equalsIgnoreCase(String.valueOf(step.sha256()))) {
                    throw new FirmwareUnavailableException(step.n(), step.file(), List.of(
                            new FirmwareUnavailableException.Attempt("plan", "step " + earlier.n() + " names a file of"
                                    + " the same name with another SHA-256; a plan cannot use both")));
                }
                continue;
            }
            files.put(step.file(), fetch(step, plan.release()));
        }
        return files;
    }

    /** {@link #fetchEach(Plan)}, as the file name to bytes map the plan runner takes. */
    public Map<String, byte[]> fetchAll(Plan plan) throws FirmwareUnavailableException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        fetchEach(plan).forEach((file, fetched) -> bytes.put(file, fetched.bytes()));
        return bytes;
    }
}
