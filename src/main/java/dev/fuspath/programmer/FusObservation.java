package dev.fuspath.programmer;

/**
 * A FUS state or status the tool printed ("FUS state is FUS_IDLE", "FUS status is FUS_IMAGE_NOT_FOUND").
 *
 * @param name canonical {@link FusCodes} name (or the raw token upper-cased when not in the table)
 * @param raw  the token exactly as printed
 * @param line 1-based line number
 */
public record FusObservation(String name, String raw, int line) {
}
