package dev.fuspath.web;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * A request to the API that declares a body larger than the API takes gets a 413 problem document before its body
 * is read, and its connection is closed (the unread body would otherwise be taken for the next request). Bodies
 * streamed without a length are cut by the inspect and diagnose resources themselves.
 */
public class BodyLimits {

    void earlyChecks(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(BodyLimits::check);
    }

    private static void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        boolean diagnose = ctx.request().path().startsWith("/api/v1/diagnose");
        long limit = diagnose ? DiagnoseResource.MAX_BYTES : InspectResource.MAX_BYTES;
        if (length != null && ctx.request().method() != HttpMethod.GET && ctx.request().path().startsWith("/api/")
                && declared(length) > limit) {
            String detail = "the request body has " + declared(length) + " bytes; " + (diagnose
                    ? "diagnose takes at most " + limit + " (1 MiB) of log"
                    : "the API takes at most " + limit + " (4 MiB), and no coprocessor image comes near that");
            ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(Json.encode(new Problem("about:blank", "Payload too large", 413, detail,
                            ctx.request().path(), null)));
            discardThenClose(ctx);
            return;
        }
        ctx.next();
    }

    /**
     * Lets the client finish sending (many clients read the answer only then) without keeping a byte, and closes
     * the connection when the body ends or after {@link #DRAIN_MILLIS}, whichever comes first.
     */
    public static void discardThenClose(RoutingContext ctx) {
        var connection = ctx.request().connection();
        long timer = ctx.vertx().setTimer(DRAIN_MILLIS, t -> connection.close());
        ctx.request().handler(ignored -> { });
        ctx.request().endHandler(done -> {
            ctx.vertx().cancelTimer(timer);
            connection.close();
        });
        ctx.request().resume();
    }

    private static final long DRAIN_MILLIS = 5_000;

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
