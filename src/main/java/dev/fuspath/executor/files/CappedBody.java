package dev.fuspath.executor.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body kept in memory up to a number of bytes; one byte more cancels the transfer. */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body was longer than the cap (or declared so). */
    public static final class TooLong extends IOException {
        public final int status;

        TooLong(long cap, int status) {
            super("a body of more than " + cap + " bytes with status " + status);
            this.status = status;
        }
    }

    private final long cap;
    private final int status;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /** @param status the answer's, for the message when the body is too long */
    public CappedBody(long cap, int status) {
        this.cap = cap;
        this.status = status;
    }

    /** A body refused from its declared length, before any of it is read. */
    public static CappedBody refused(long cap, int status) {
        CappedBody body = new CappedBody(cap, status);
        body.result.completeExceptionally(new TooLong(cap, status));
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (out.size() + (long) buffer.remaining() > cap) {
                subscription.cancel();
                result.completeExceptionally(new TooLong(cap, status));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Stops the transfer: the caller gave up waiting. */
    public void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        result.cancel(false);
    }
}
