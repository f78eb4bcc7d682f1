package dev.fuspath.records;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The line at a glance, over the records started since a time (all of them without one).
 *
 * @param attempts       records (one per board and attempt)
 * @param boards         distinct boards (unique IDs)
 * @param passedBoards   boards with at least one passed attempt
 * @param yield          passedBoards / boards (0 without boards)
 * @param byOutcome      attempts per outcome (every outcome, 0 included)
 * @param failuresByCause attempts that did not pass, per failure code
 * @param fusOnArrival   attempts per FUS version the board had when the attempt began ("unknown" when unread)
 * @param stackOnArrival attempts per stack the board had when the attempt began ("unknown" when unread)
 * @param medianSeconds  median time of an attempt, start to end
 */
public record RecordSummary(Optional<Instant> since, long attempts, long boards, long passedBoards, double yield,
                            Map<String, Long> byOutcome, Map<String, Long> failuresByCause,
                            Map<String, Long> fusOnArrival, Map<String, Long> stackOnArrival,
                            Optional<Double> medianSeconds) {
}
