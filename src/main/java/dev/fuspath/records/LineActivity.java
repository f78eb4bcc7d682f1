package dev.fuspath.records;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the line did lately, for the /line page: each station that ever sent a record, and the boards per hour, over
 * the records started since a time.
 *
 * @param since    the start of the window
 * @param stations every station with a stored record, by name
 * @param hours    every hour from since's hour to the current one, oldest first (hours without boards included,
 *                 at zero)
 */
public record LineActivity(Instant since, List<Station> stations, List<Hour> hours) {

    public LineActivity {
        stations = List.copyOf(stations);
        hours = List.copyOf(hours);
    }

    /**
     * A station: attempts ever stored, its last attempt's start and when it last sent a new record; and, in the
     * window, its attempts, boards and boards passed.
     */
    public record Station(String name, long attemptsEver, Instant lastStartedAt, Instant lastReceivedAt,
                          long attempts, long boards, long passedBoards) {

        /** passedBoards / boards in the window, none without boards. */
        public Optional<Double> yield() {
            return boards == 0 ? Optional.empty() : Optional.of((double) passedBoards / boards);
        }
    }

    /** An hour (UTC) of the window: boards with an attempt started in it, and those of them with a passed one. */
    public record Hour(Instant start, long boards, long passedBoards) {
    }
}
