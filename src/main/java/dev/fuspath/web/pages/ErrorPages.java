package dev.fuspath.web.pages;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;

/** Error pages in the pages' look: a status, what went wrong and what to do; never a stack trace. */
public final class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private ErrorPages() {
    }

    /** @param available what exists instead of what was asked for, as plain text; may be null */
    public static Response response(int status, String title, String detail, List<String> available) {
        List<ErrorView.Link> links = available == null ? List.of()
                : available.stream().map(a -> new ErrorView.Link(a, null)).toList();
        return page(new ErrorView(status, title, detail, links));
    }

    static Response page(ErrorView error) {
        return Html.page(error.status(), render(error));
    }

    static String render(ErrorView error) {
        try {
            return Templates.error(error).render();
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot render the error page for status %d", error.status());
            return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + error.status()
                    + " · fuspath</title></head><body><h1>Error " + error.status()
                    + "</h1><p>The page could not be shown. <a href=\"/\">Back to the lookup</a></p></body></html>";
        }
    }
}
