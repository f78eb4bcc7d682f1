package dev.fuspath.records;

/** The database could not be reached or failed; nothing of the operation was kept. */
public class RecordStoreException extends RuntimeException {

    public RecordStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
