package dev.fuspath.station;

import java.time.Instant;

/**
 * What one lane is doing, for the live view: one line per lane.
 *
 * @param board   the board's unique ID, null while waiting
 * @param step    the step running (1-based), 0 before the first
 * @param steps   the plan's steps, 0 before the plan
 * @param file    the file of the step running, if any
 * @param since   when the board's attempt started (null while waiting)
 * @param state   waiting, identifying, flashing, app, remove-board, done, lost, stopped
 * @param outcome the last board's outcome (passed, failed, refused, aborted), or null
 */
public record LaneStatus(String lane, String board, int step, int steps, String file, Instant since, String state,
                         String outcome, String message) {
}
