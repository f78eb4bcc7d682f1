package dev.fuspath.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A page of the list, newest first: records of one board, station or outcome, started in [since, until), after the
 * cursor of the previous page.
 */
public record RecordQuery(Optional<String> boardUid, Optional<String> station, Optional<Outcome> outcome,
                          Optional<Instant> since, Optional<Instant> until, int limit, Optional<Cursor> after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public RecordQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit: must be from 1 to " + MAX_LIMIT);
        }
    }

    /** The position after the last record of a page: its start time and id (keyset paging, stable under inserts). */
    public record Cursor(Instant startedAt, String recordId) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (startedAt.getEpochSecond() + "." + startedAt.getNano() + "|" + recordId)
                            .getBytes(StandardCharsets.UTF_8));
        }

        /** The cursor a previous page gave, or an IllegalArgumentException naming the parameter. */
        public static Cursor decode(String text) {
            try {
                if (text.length() > 200) {
                    throw new IllegalArgumentException();
                }
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int bar = plain.indexOf('|');
                String[] time = plain.substring(0, bar).split("\\.");
                Instant at = Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1]));
                String id = plain.substring(bar + 1);
                if (time.length != 2 || id.isEmpty() || id.length() > 64) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(at, id);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not a cursor this service gave (use the \"next\" of the"
                        + " previous page as it is)");
            }
        }
    }
}
