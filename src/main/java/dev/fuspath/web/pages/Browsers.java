package dev.fuspath.web.pages;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.BrowserPages;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The pages' side of {@link BrowserPages}: what the API adapter answers browsers with. */
@ApplicationScoped
public class Browsers implements BrowserPages {

    private final CatalogHolder holder;

    public Browsers(CatalogHolder holder) {
        this.holder = holder;
    }

    @Override
    public boolean wanted(HttpHeaders headers, String path) {
        return Html.wanted(headers, path);
    }

    @Override
    public Response errorPage(int status, String title, String detail, List<String> available) {
        return ErrorPages.response(status, title, detail, available);
    }

    @Override
    public boolean formPage(String path) {
        return PageBodyLimits.formPage(path);
    }

    @Override
    public long maxBytes(String path) {
        return PageBodyLimits.maxBytes(path);
    }

    @Override
    public String tooLarge(String path, String size) {
        return PageBodyLimits.tooLarge(path, size);
    }

    @Override
    public String moreThan(long bytes) {
        return PageBodyLimits.moreThan(bytes);
    }

    @Override
    public Future<Void> refuse(RoutingContext ctx, int status, String problem) {
        return PageBodyLimits.refuse(ctx, holder, status, problem);
    }
}
