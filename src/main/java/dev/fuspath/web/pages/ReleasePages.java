package dev.fuspath.web.pages;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.app.CatalogHolder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/** {@code /releases}: every release of the catalog; {@code /releases/{tag}}: one release, per family and flash size. */
@Path("/releases")
public class ReleasePages {

    private static final String TAG = "v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}";

    private final CatalogHolder holder;

    public ReleasePages(CatalogHolder holder) {
        this.holder = holder;
    }

    @GET
    public Response releases() {
        return Html.page(200, Templates.releases(ReleasesView.of(holder.catalog())).render());
    }

    @GET
    @Path("{tag}")
    public Response release(@PathParam("tag") String tag) {
        Catalog catalog = holder.catalog();
        List<ErrorView.Link> tags = catalog.releases().stream().map(ReleaseSummary::tag)
                .map(t -> new ErrorView.Link(t, "/releases/" + t)).toList();
        if (!tag.matches(TAG)) {
            return ErrorPages.page(new ErrorView(400, "Bad request", "'" + Pages.abbreviate(tag, 40)
                    + "' is no release tag: tags look like v1.24.0. The releases in the catalog:", tags));
        }
        Optional<ReleaseCatalog> release = catalog.release(tag);
        if (release.isEmpty()) {
            return ErrorPages.page(new ErrorView(404, "Not found", "The catalog has no release " + tag
                    + ". The releases it has:", tags));
        }
        return Html.page(200, Templates.release(ReleaseView.of(catalog, release.get())).render());
    }
}
