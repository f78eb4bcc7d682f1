package dev.fuspath.web.pages;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** HTML answers: their type, and headers that keep a page to the service's own files. */
public final class Html {

    public static final String TYPE = "text/html;charset=UTF-8";
    /** No inline script or style, nothing from elsewhere: the pages use /assets/fuspath.css and /assets/fuspath.js. */
    static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Html() {
    }

    static Response page(int status, String html) {
        return Response.status(status).type(TYPE).entity(html)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .build();
    }

    /**
     * Whether an error on this request is answered with a page rather than a problem document: never under the
     * API (/api/, /q/); always on the pages; elsewhere when the client asks for HTML, as browsers do.
     */
    public static boolean wanted(HttpHeaders headers, String path) {
        if (path == null || path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/")) {
            return false;
        }
        if (path.equals("/") || path.equals("/plan") || path.equals("/inspect") || path.equals("/diagnose") || path.equals("/line") || path.equals("/releases")
                || path.startsWith("/releases/")) {
            return true;
        }
        List<String> accept = headers == null ? null : headers.getRequestHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.stream().anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains("text/html"));
    }
}
