package dev.fuspath.web.pages;

import dev.fuspath.web.BodyLimits;
import dev.fuspath.web.InspectResource;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * An upload to the inspect page that declares more than the page takes gets a 413 page before its body is read,
 * as the API's uploads do (see {@link BodyLimits}). The form's own fields add a little to the file's 4 MiB.
 */
public class PageBodyLimits {

    static final long MAX_FORM_BYTES = InspectResource.MAX_BYTES + 64 * 1024;

    void earlyChecks(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(PageBodyLimits::check);
    }

    private static void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && ctx.request().method() == HttpMethod.POST && ctx.request().path().equals("/inspect")
                && declared(length) > MAX_FORM_BYTES) {
            String html = Templates.inspect(InspectView.refused("The upload has " + Pages.bytes(declared(length))
                    + "; inspect takes files of at most 4 MiB, and no coprocessor image comes near that.")).render();
            var response = ctx.response().setStatusCode(413).putHeader("Content-Type", Html.TYPE)
                    .putHeader("Content-Security-Policy", Html.CSP).putHeader("Connection", "close");
            response.end(html);
            BodyLimits.discardThenClose(ctx);
            return;
        }
        ctx.next();
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
