package dev.fuspath.web.pages;

import dev.fuspath.web.BodyLimits;
import dev.fuspath.app.CatalogHolder;
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
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> check(ctx, holder));
    }

    /** Whether {@code path} is a page that takes a form: /inspect or /diagnose. */
    public static boolean formPage(String path) {
        return path.equals("/inspect") || path.equals("/diagnose");
    }

    /** The most a form to {@code path} (a {@link #formPage}) may send. */
    public static long maxBytes(String path) {
        return path.equals("/diagnose") ? DiagnosePage.MAX_FORM_BYTES : MAX_FORM_BYTES;
    }

    /** What the page says of a form larger than it takes; {@code size} says how large, as "The form has 5 MiB". */
    public static String tooLarge(String path, String size) {
        return path.equals("/diagnose") ? DiagnosePage.tooLargeMessage(size)
                : size + "; inspect takes files of at most 4 MiB, and no coprocessor image comes near that.";
    }

    /** "more than 4,259,840 bytes (4,160 KiB)". */
    public static String moreThan(long bytes) {
        return "more than " + Pages.bytes(bytes);
    }

    /**
     * Answers a form page ({@link #formPage}) that was refused before it was read with that page, saying
     * {@code problem}, and with Connection: close; the caller closes the connection.
     */
    public static io.vertx.core.Future<Void> refuse(RoutingContext ctx, CatalogHolder holder, int status, String problem) {
        String path = ctx.request().path();
        String html = path.equals("/diagnose")
                ? Templates.diagnose(DiagnoseView.refused(DiagnoseForm.EMPTY, problem), FormChoices.of(holder.catalog())).render()
                : Templates.inspect(InspectView.refused(problem)).render();
        return ctx.response().setStatusCode(status).putHeader("Content-Type", Html.TYPE)
                .putHeader("Content-Security-Policy", Html.CSP).putHeader("Connection", "close").end(html);
    }

    private static void check(RoutingContext ctx, CatalogHolder holder) {
        String length = ctx.request().getHeader("Content-Length");
        if (length == null || ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String path = ctx.request().path();
        long declared = declared(length);
        if (!formPage(path) || declared <= maxBytes(path)) {
            ctx.next();
            return;
        }
        refuse(ctx, holder, 413, tooLarge(path, (path.equals("/diagnose") ? "The form has " : "The upload has ")
                + Pages.bytes(declared)));
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
