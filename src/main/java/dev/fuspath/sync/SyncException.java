package dev.fuspath.sync;

/** A sync that could not finish. Its message says what failed and what to do about it. */
public class SyncException extends Exception {
    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
