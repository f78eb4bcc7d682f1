package dev.fuspath.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Reads the bodies the service takes (POST /api/v1/inspect, /api/v1/diagnose, and the /inspect and /diagnose
 * forms) on the event loop, before a worker thread is given the request: a slow or stalled client holds a
 * connection and a buffer, never a thread. The resources then read the body from memory (RESTEasy Reactive takes
 * the routing context's body when there is one).
 * <ul>
 * <li>A body streamed past what its endpoint takes gets a 413 as soon as it passes, and the rest is discarded.</li>
 * <li>A body that makes too little progress (less than {@link #MIN_BYTES_PER_WINDOW} in a
 * {@link #WINDOW_MILLIS} window), or is not complete after {@link #DEADLINE_MILLIS}, gets a 408 and its
 * connection is closed.</li>
 * <li>At most {@link #MAX_IN_FLIGHT} bodies are read or held at a time, which bounds the memory and the upload
 * spool they take; a request beyond that gets a 503 with Retry-After.</li>
 * </ul>
 */
public class BodyReader {

    private static final Logger LOG = Logger.getLogger(BodyReader.class);

    static final int MAX_IN_FLIGHT = 16;
    static final long WINDOW_MILLIS = 5_000;
    static final long MIN_BYTES_PER_WINDOW = 8 * 1024;
    static final long DEADLINE_MILLIS = 60_000;

    private final AtomicInteger inFlight = new AtomicInteger();

    void install(@Observes Router router, BrowserPages pages) {
        router.route().order(Integer.MIN_VALUE + 3).handler(ctx -> read(ctx, pages));
    }

    /** The most a body to {@code path} may have, or -1 when the service takes no body there. */
    static long limit(String path, BrowserPages pages) {
        return switch (path) {
            case "/api/v1/inspect" -> InspectResource.MAX_BYTES;
            case "/api/v1/diagnose" -> DiagnoseResource.MAX_BYTES;
            default -> pages.formPage(path) ? pages.maxBytes(path) : -1;
        };
    }

    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null
                || (length != null && !length.strip().equals("0"));
    }

    int inFlight() {
        return inFlight.get();
    }

    private void read(RoutingContext ctx, BrowserPages pages) {
        HttpServerRequest request = ctx.request();
        long limit = limit(request.path(), pages);
        String type = request.getHeader("Content-Type");
        if (request.method() == HttpMethod.POST && request.path().equals("/api/v1/diagnose") && hasBody(request)
                && (type == null || type.isBlank())) {
            // only a POST without any body may leave its type out (the contract's optional body): refused before the
            // body is read, like any other type but text/plain
            EarlyAnswers.refuse(ctx, pages, 415, "Unsupported Media Type", "diagnose takes the log as text/plain (or"
                    + " no body at all), not a body without a Content-Type", "Send the log as text/plain.");
            BodyLimits.discardThenClose(ctx);
            return;
        }
        if (limit < 0 || request.method() != HttpMethod.POST || request.isEnded() || !hasBody(request)) {
            ctx.next();
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            ctx.response().putHeader("Retry-After", "5");
            EarlyAnswers.refuse(ctx, pages, 503, "Service unavailable", "the service is reading "
                    + MAX_IN_FLIGHT + " uploads already; send this one again in a few seconds",
                    "The service is busy reading other uploads; send this one again in a few seconds.");
            BodyLimits.discardThenClose(ctx);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        ctx.addEndHandler(ended -> release.run());
        var connection = request.connection();

        Buffer body = Buffer.buffer();
        AtomicBoolean done = new AtomicBoolean();
        long start = System.nanoTime();
        long[] atWindowStart = {0};
        long timer = ctx.vertx().setPeriodic(WINDOW_MILLIS, id -> {
            if (done.get()) {
                ctx.vertx().cancelTimer(id);
                return;
            }
            long read = body.length();
            boolean slow = read - atWindowStart[0] < MIN_BYTES_PER_WINDOW;
            boolean late = (System.nanoTime() - start) / 1_000_000 > DEADLINE_MILLIS;
            atWindowStart[0] = read;
            if (slow || late) {
                done.set(true);
                ctx.vertx().cancelTimer(id);
                LOG.debugf("%s %s: body cut off after %d bytes (%s)", request.method(), request.path(), read,
                        slow ? "too slow" : "too long");
                String why = slow ? "less than " + MIN_BYTES_PER_WINDOW + " bytes of the body arrived in "
                        + WINDOW_MILLIS / 1000 + " s" : "the body was not complete after " + DEADLINE_MILLIS / 1000 + " s";
                EarlyAnswers.refuseThenClose(ctx, pages, 408, "Request timeout", why + "; send it again, at once",
                        "The upload came too slowly (" + why + "). Send it again.");
                release.run();
            }
        });
        request.handler(chunk -> {
            if (done.get()) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                done.set(true);
                ctx.vertx().cancelTimer(timer);
                body.getByteBuf().clear();
                tooLarge(ctx, pages, limit);
                BodyLimits.discardThenClose(ctx);
                release.run();
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (done.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(timer);
                var refusal = pages.formPage(request.path())
                        ? FormCheck.check(request.getHeader("Content-Type"), body) : java.util.Optional.<FormCheck.Refusal>empty();
                if (refusal.isPresent()) {
                    EarlyAnswers.refuseThenClose(ctx, pages, refusal.get().status(), refusal.get().status() == 413
                            ? "Payload too large" : "Bad request", refusal.get().problem(), refusal.get().problem());
                    return;
                }
                ctx.setBody(body);
                ctx.next();
            }
        });
        request.exceptionHandler(e -> {
            if (done.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(timer);
                LOG.debugf("%s %s: body not read: %s", request.method(), request.path(), e);
                release.run();
                connection.close();
            }
        });
        if ("100-continue".equalsIgnoreCase(String.valueOf(request.getHeader("Expect")).strip())
                && !ctx.response().headWritten()) {
            ctx.response().writeContinue();
        }
        request.resume();
    }

    private static void tooLarge(RoutingContext ctx, BrowserPages pages, long limit) {
        String path = ctx.request().path();
        String detail = switch (path) {
            case "/api/v1/diagnose" -> "the log has more than " + limit
                    + " bytes; diagnose takes at most 1 MiB: keep the part from the connection before the failing"
                    + " command to its last line";
            default -> "the file has more than " + limit
                    + " bytes; inspect takes at most 4 MiB, and no coprocessor image comes near that";
        };
        String page = pages.tooLarge(path, (path.equals("/diagnose") ? "The form has " : "The upload has ")
                + pages.moreThan(limit));
        EarlyAnswers.refuse(ctx, pages, 413, "Payload too large", detail, page);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
