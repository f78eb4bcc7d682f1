package dev.fuspath.executor;

import java.util.List;

/**
 * How a run of a plan ended. {@code completed} when every step ran and was checked; otherwise {@code stoppedAt} is
 * the step that stopped it (0 when the files were refused before the device was touched).
 */
public record ExecutionResult(boolean completed, int stoppedAt, String cause, List<StepEvent> events) {

    public ExecutionResult {
        events = List.copyOf(events);
    }
}
