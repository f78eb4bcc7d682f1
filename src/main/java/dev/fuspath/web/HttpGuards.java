package dev.fuspath.web;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * What every request goes through first, before any other route:
 * <ul>
 * <li>every answer carries {@code X-Content-Type-Options: nosniff};</li>
 * <li>a request that is not HTTP/1.0 or HTTP/1.1, or whose Transfer-Encoding is anything but {@code chunked},
 * gets a 400 problem and its connection is closed;</li>
 * <li>a request pipelined behind answers its client has not read (the connection's write queue is full) waits
 * until they are read, without a thread, and the connection is closed when they are not read within
 * {@link #WRITE_TIMEOUT_MILLIS}: a client that sends requests and reads nothing gets a few answers, not one per
 * request, and holds nothing for long;</li>
 * <li>a connection is answered at most {@link #MAX_REQUESTS_PER_CONNECTION} requests (as nginx's
 * {@code keepalive_requests} long did): the last answer says {@code Connection: close}, the connection is closed once
 * it is sent, and requests pipelined behind it get no answer. A client keeps no connection, and no queue of
 * pipelined requests, for ever; a polite one opens another connection.</li>
 * </ul>
 * Answers Vert.x makes itself, for requests it cannot decode, get their nosniff from {@link ConnectionGuards}.
 */
public class HttpGuards {

    private static final Logger LOG = Logger.getLogger(HttpGuards.class);

    static final long WRITE_TIMEOUT_MILLIS = 10_000;
    static final int MAX_REQUESTS_PER_CONNECTION = 100;

    /** Requests seen per open connection; weak keys, so a closed connection's count goes with it. */
    private static final Map<HttpConnection, int[]> REQUESTS = Collections.synchronizedMap(new WeakHashMap<>());

    void install(@Observes Router router, BrowserPages pages) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> guard(ctx, pages));
    }

    private static void guard(RoutingContext ctx, BrowserPages pages) {
        HttpServerResponse response = ctx.response();
        response.putHeader("X-Content-Type-Options", "nosniff");
        ctx.addHeadersEndHandler(v -> response.headers().set("X-Content-Type-Options", "nosniff"));
        HttpServerRequest request = ctx.request();
        if (request.version() != HttpVersion.HTTP_1_1 && request.version() != HttpVersion.HTTP_1_0) {
            EarlyAnswers.refuseThenClose(ctx, pages, 400, "Bad request", "the service speaks HTTP/1.1",
                    "The request is not HTTP/1.1.");
            return;
        }
        if (!withinRequestCap(ctx)) {
            return;
        }
        String coding = request.getHeader("Transfer-Encoding");
        if (coding != null && !coding.strip().toLowerCase(Locale.ROOT).equals("chunked")) {
            EarlyAnswers.refuseThenClose(ctx, pages, 400, "Bad request", "Transfer-Encoding '" + abbreviate(coding)
                    + "' is not supported: send the body with a Content-Length, or chunked",
                    "The request's Transfer-Encoding is not supported.");
            return;
        }
        if (BodyReader.hasBody(request) || !response.writeQueueFull()) {
            ctx.next();
            return;
        }
        // the client has not read the answers before this one: answer it once they are read, or give up
        var connection = request.connection();
        AtomicBoolean done = new AtomicBoolean();
        long timer = ctx.vertx().setTimer(WRITE_TIMEOUT_MILLIS, t -> {
            if (done.compareAndSet(false, true)) {
                LOG.debugf("closing a connection whose client read no answer for %d ms", WRITE_TIMEOUT_MILLIS);
                connection.close();
            }
        });
        response.closeHandler(closed -> {
            if (done.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(timer);
            }
        });
        response.drainHandler(drained -> {
            if (done.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(timer);
                response.drainHandler(null);
                response.closeHandler(null);
                ctx.next();
            }
        });
    }

    /**
     * Counts the request on its connection. The {@link #MAX_REQUESTS_PER_CONNECTION}th is answered with
     * {@code Connection: close} and the connection closed after it; one beyond that (pipelined behind it) closes the
     * connection unanswered and returns false.
     */
    private static boolean withinRequestCap(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        int n;
        synchronized (REQUESTS) {
            n = ++REQUESTS.computeIfAbsent(connection, c -> new int[1])[0];
        }
        if (n > MAX_REQUESTS_PER_CONNECTION) {
            connection.close();
            return false;
        }
        if (n == MAX_REQUESTS_PER_CONNECTION) {
            ctx.response().putHeader("Connection", "close");
            ctx.addEndHandler(sent -> connection.close());
        }
        return true;
    }

    private static String abbreviate(String text) {
        String visible = text.replaceAll("\\p{Cntrl}", "?");
        return visible.length() <= 40 ? visible : visible.substring(0, 40) + "...";
    }
}
