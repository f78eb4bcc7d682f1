package dev.fuspath.station;

import dev.fuspath.records.BoardRecord;
import java.util.List;

/** Sends a batch of records to the records service; one implementation speaks HTTP, tests may store directly. */
public interface RecordUploader {

    /** How an upload ended. */
    enum Status {
        /** the service answered for every record of the batch (stored or already stored) */
        OK,
        /** the service could not be reached or was unavailable: try again later */
        UNREACHABLE,
        /** the service refused the station's token (401) or the station (403): no retry helps */
        REFUSED,
        /** the service refused the batch itself (400, 409, 413): kept, reported */
        REJECTED
    }

    record Answer(Status status, String message) {
        public static Answer ok() {
            return new Answer(Status.OK, null);
        }
    }

    Answer upload(List<BoardRecord> batch);

    /** Where the records go, for people. */
    String describe();
}
