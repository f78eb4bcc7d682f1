package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.pages.PageBodyLimits;
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
    static Future<Void> refuse(RoutingContext ctx, CatalogHolder holder, int status, String title, String detail,
                               String pageText) {
        if (ctx.response().headWritten()) {
            return Future.succeededFuture();
        }
        if (PageBodyLimits.formPage(ctx.request().path())) {
            return PageBodyLimits.refuse(ctx, holder, status, pageText);
        }
        return ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Json.encode(new Problem("about:blank", title, status, detail, ctx.request().path(), null)));
    }

    /** Answers, then closes the connection once the answer is sent. */
    static void refuseThenClose(RoutingContext ctx, CatalogHolder holder, int status, String title, String detail,
                                String pageText) {
        var connection = ctx.request().connection();
        refuse(ctx, holder, status, title, detail, pageText).onComplete(done -> connection.close());
    }
}
