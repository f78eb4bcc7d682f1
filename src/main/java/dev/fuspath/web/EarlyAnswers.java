package dev.fuspath.web;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers given by the HTTP guards before a request reaches a resource: a problem document under the API, the
 * form page itself on the form pages, always with Connection: close.
 */
final class EarlyAnswers {

    private EarlyAnswers() {
    }

    /** A problem document (or, on a form page, that page saying {@code pageText}), and Connection: close. */
    static Future<Void> refuse(RoutingContext ctx, BrowserPages pages, int status, String title, String detail,
                               String pageText) {
        if (ctx.response().headWritten()) {
            return Future.succeededFuture();
        }
        if (pages.formPage(ctx.request().path())) {
            return pages.refuse(ctx, status, pageText);
        }
        return ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(new Problem("about:blank", title, status, detail, ctx.request().path(), null)));
    }

    /** Answers, then closes the connection once the answer is sent. */
    static void refuseThenClose(RoutingContext ctx, BrowserPages pages, int status, String title, String detail,
                                String pageText) {
        var connection = ctx.request().connection();
        refuse(ctx, pages, status, title, detail, pageText).onComplete(done -> connection.close());
    }
}
