package dev.fuspath.station;

import dev.fuspath.executor.FlashEvent;
import dev.fuspath.records.BoardRecord;

/** What a station reports while it runs; called from the lanes' threads. */
public interface StationListener {

    default void status(LaneStatus status) {
    }

    /** A flash event of a lane's board (the events of {@code flash --json}). */
    default void flashEvent(String lane, String board, FlashEvent event) {
    }

    default void record(String lane, BoardRecord record) {
    }

    default void message(String lane, String text) {
    }
}
