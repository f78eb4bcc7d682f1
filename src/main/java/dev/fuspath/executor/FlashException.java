package dev.fuspath.executor;

/** A flash run cannot go on: {@code cause} and {@code fix} are for people, {@code exitCode} for scripts. */
public final class FlashException extends Exception {

    private final int exitCode;
    private final String fix;

    public FlashException(int exitCode, String cause, String fix) {
        super(cause);
        this.exitCode = exitCode;
        this.fix = fix;
    }

    public int exitCode() {
        return exitCode;
    }

    public String fix() {
        return fix;
    }
}
