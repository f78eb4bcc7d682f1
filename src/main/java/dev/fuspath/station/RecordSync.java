package dev.fuspath.station;

import dev.fuspath.records.BoardRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Uploads the spool's pending records in batches, in the background: when a record is added, and again after a pause
 * while the service cannot be reached. A refused token stops the uploads (no retry helps). Records are marked
 * uploaded only once the service answered for them, so a crash between the upload and the mark sends them again,
 * which the service answers as duplicates.
 */
public final class RecordSync implements AutoCloseable {

    public static final int BATCH = 200;

    private final RecordSpool spool;
    private final RecordUploader uploader;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean closed;
    private volatile RecordUploader.Answer last = RecordUploader.Answer.ok();
    private volatile RecordUploader.Answer refused;
    private boolean wake;

    public RecordSync(RecordSpool spool, RecordUploader uploader, Duration retry) {
        this.spool = spool;
        this.uploader = uploader;
        this.retry = retry;
        this.thread = new Thread(this::loop, "station-records");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public synchronized void wake() {
        wake = true;
        notifyAll();
    }

    /** Uploads what is pending now, in this thread; the last answer. */
    public RecordUploader.Answer uploadPending() {
        while (refused == null) {
            List<BoardRecord> batch = spool.pending(BATCH);
            if (batch.isEmpty()) {
                return RecordUploader.Answer.ok();
            }
            RecordUploader.Answer a = uploadBatch(batch);
            if (a.status() != RecordUploader.Status.OK) {
                return a;
            }
        }
        return refused;
    }

    private synchronized RecordUploader.Answer uploadBatch(List<BoardRecord> batch) {
        RecordUploader.Answer a = uploader.upload(batch);
        last = a;
        if (a.status() == RecordUploader.Status.OK) {
            try {
                spool.markUploaded(batch.stream().map(BoardRecord::recordId).toList());
            } catch (IOException e) {
                last = new RecordUploader.Answer(RecordUploader.Status.REJECTED, "cannot write the spool "
                        + spool.path() + ": " + e.getMessage());
                return last;
            }
        } else if (a.status() == RecordUploader.Status.REFUSED) {
            refused = a;
        }
        return a;
    }

    private void loop() {
        while (!closed && refused == null) {
            RecordUploader.Answer a = uploadPending();
            long waitMs = a.status() == RecordUploader.Status.OK ? 60_000 : retry.toMillis();
            synchronized (this) {
                if (!wake && !closed) {
                    try {
                        wait(Math.max(1, waitMs));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wake = false;
            }
        }
    }

    public RecordUploader.Answer last() {
        return last;
    }

    public RecordUploader.Answer refused() {
        return refused;
    }

    public String describe() {
        return uploader.describe();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
