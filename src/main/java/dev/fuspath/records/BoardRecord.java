package dev.fuspath.records;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a station knows of one attempt at one board. {@code recordId} is chosen by the station and stays the same on
 * every upload of the attempt, so an upload can be repeated safely. Built only by {@link RecordParser}, which checks
 * every field; optional fields are empty, never null.
 *
 * @param boardUid the 96-bit unique ID (at 0x1FFF7590) as 24 upper-case hex digits
 * @param deviceId the DBGMCU device ID, e.g. {@code 0x495}
 * @param lane     the lane: the probe's serial number (SWD) or USB port (DFU)
 */
public record BoardRecord(String recordId, String boardUid, String deviceId, int flashKiB, String station,
                          String lane, Optional<String> operator, Instant startedAt, Instant endedAt,
                          Optional<String> fusBefore, Optional<String> fusAfter, Optional<String> stackBefore,
                          Optional<String> stackAfter, Optional<String> planId, Optional<String> release,
                          List<Step> steps, Optional<Failure> failure, Optional<String> appSha256, Outcome outcome) {

    public BoardRecord {
        steps = List.copyOf(steps);
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    /** One step of the attempt, in order. */
    public record Step(String name, Optional<String> file, long durationMs, StepOutcome outcome) {
    }

    /** Why the attempt did not pass: a stable code, the cause in words, and what fixes it. */
    public record Failure(String code, Optional<String> cause, Optional<String> fix) {
    }
}
