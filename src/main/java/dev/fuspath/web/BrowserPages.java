package dev.fuspath.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * What the API adapter asks of the pages when a browser is on the other end: whether it wants HTML, the error page,
 * and the two form pages' limits and refusals. The pages ({@code web.pages}) implement it; the adapter knows only
 * this interface, so the pages depend on the adapter and not the other way round.
 */
public interface BrowserPages {

    /** A browser asking for HTML, or a request to a page's path: errors are pages, not problem documents. */
    boolean wanted(HttpHeaders headers, String path);

    /** The error as a page. */
    Response errorPage(int status, String title, String detail, List<String> available);

    /** Whether {@code path} is a page that takes a form (/inspect, /diagnose). */
    boolean formPage(String path);

    /** The most a form to {@code path} (a {@link #formPage}) may send. */
    long maxBytes(String path);

    /** What the page says of a form larger than it takes; {@code size} says how large, as "The form has 5 MiB". */
    String tooLarge(String path, String size);

    /** "more than 4,259,840 bytes (4,160 KiB)". */
    String moreThan(long bytes);

    /** Answers a form page refused before it was read with that page saying {@code problem}, Connection: close. */
    Future<Void> refuse(RoutingContext ctx, int status, String problem);
}
