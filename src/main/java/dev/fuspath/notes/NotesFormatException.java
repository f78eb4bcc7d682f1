package dev.fuspath.notes;

/** The release notes do not contain a readable section for the requested release. */
public final class NotesFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public NotesFormatException(String message) {
        super(message);
    }

    public NotesFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
