package dev.fuspath.planner;

import java.util.List;

/**
 * A plan that cannot be made: {@code status} 400 (malformed input), 404 (unknown chip or release) or 422 (a target
 * that does not exist for this chip in this release); {@code available} lists what exists instead.
 */
public class PlanException extends Exception {

    private final int status;
    private final List<String> available;

    public PlanException(int status, String message) {
        this(status, message, List.of());
    }

    public PlanException(int status, String message, List<String> available) {
        super(message);
        this.status = status;
        this.available = List.copyOf(available);
    }

    public int status() {
        return status;
    }

    public List<String> available() {
        return available;
    }
}
