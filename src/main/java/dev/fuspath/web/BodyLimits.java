package dev.fuspath.web;

import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * Uploads that declare a length above what inspect takes get a 413 problem document before their body is read.
 * Bodies streamed without a length are cut by the HTTP layer at quarkus.http.limits.max-body-size (413); between
 * 4 MiB and that limit the resource answers the 413 itself.
 */
public class BodyLimits {

    void checkDeclaredLength(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(BodyLimits::check);
    }

    private static void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && ctx.request().path().startsWith("/api/")) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared < 0) {
                end(ctx, 400, "Bad request", "Content-Length is not a number");
                return;
            }
            if (declared > InspectResource.MAX_BYTES) {
                ProblemException e = InspectResource.tooLarge(declared);
                end(ctx, 413, e.title(), e.getMessage());
                return;
            }
        }
        ctx.next();
    }

    private static void end(RoutingContext ctx, int status, String title, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(new Problem("about:blank", title, status, detail,
                        ctx.request().path(), null)));
    }
}
