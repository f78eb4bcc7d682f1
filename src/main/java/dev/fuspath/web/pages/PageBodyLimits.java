package dev.fuspath.web.pages;

import dev.fuspath.web.BodyLimits;
import dev.fuspath.web.CatalogHolder;
import dev.fuspath.web.InspectResource;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

/**
 * A form sent to the inspect or diagnose page that declares more than the page takes gets a 413 page before its
 * body is read, as the API's uploads do (see {@link BodyLimits}). The form's own fields add a little to the file's
 * 4 MiB; the diagnose form may carry its 1 MiB of log percent-encoded.
 */
public class PageBodyLimits {

    static final long MAX_FORM_BYTES = InspectResource.MAX_BYTES + 64 * 1024;

    void earlyChecks(@Observes Router router, CatalogHolder holder) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> check(ctx, holder));
    }

    private static void check(RoutingContext ctx, CatalogHolder holder) {
        String length = ctx.request().getHeader("Content-Length");
        if (length == null || ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String path = ctx.request().path();
        long declared = declared(length);
        String html = null;
        if (path.equals("/inspect") && declared > MAX_FORM_BYTES) {
            html = Templates.inspect(InspectView.refused("The upload has " + Pages.bytes(declared)
                    + "; inspect takes files of at most 4 MiB, and no coprocessor image comes near that.")).render();
        } else if (path.equals("/diagnose") && declared > DiagnosePage.MAX_FORM_BYTES) {
            html = Templates.diagnose(DiagnoseView.refused(DiagnoseForm.EMPTY,
                    DiagnosePage.tooLargeMessage("The form has " + Pages.bytes(declared))),
                    FormChoices.of(holder.catalog())).render();
        }
        if (html == null) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(413).putHeader("Content-Type", Html.TYPE)
                .putHeader("Content-Security-Policy", Html.CSP).putHeader("Connection", "close").end(html);
        BodyLimits.discardThenClose(ctx);
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
