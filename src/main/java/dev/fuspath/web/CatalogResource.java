package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.catalog.Anomaly;
import dev.fuspath.catalog.BinaryRecord;
import dev.fuspath.catalog.Catalog;
import dev.fuspath.catalog.ReleaseCatalog;
import dev.fuspath.catalog.ReleaseSummary;
import dev.fuspath.rules.Family;
import dev.fuspath.rules.Rules;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.function.Supplier;
import java.util.List;
import java.util.Locale;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    static final String TAG = "v\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}";
    static final String TAG_MESSAGE = "must be a release tag such as v1.24.0";
    static final String SHA256 = "[0-9a-fA-F]{64}";
    static final String SHA256_MESSAGE = "must be 64 hexadecimal digits (a SHA-256)";
    private static final List<String> SEVERITIES = List.of("error", "warning", "info");

    private final CatalogHolder holder;
    private final RenderedAnswers rendered;

    public CatalogResource(CatalogHolder holder, RenderedAnswers rendered) {
        this.holder = holder;
        this.rendered = rendered;
    }

    /** One place these bytes shipped, and the newest record of them. */
    public record BinaryIdentity(String sha256, List<Catalog.Occurrence> occurrences, BinaryRecord record) {
    }

    /**
     * The catalog's list answers are served from the event loop (rendered once per catalog, then handed over as
     * bytes), so clients that flood them take no worker thread; until the catalog has been read once, on a worker.
     */
    private Uni<Response> listAnswer(Supplier<Response> answer) {
        Uni<Response> uni = Uni.createFrom().item(answer);
        return rendered.warm() ? uni : uni.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @GET
    @Path("/releases")
    @NonBlocking
    public Uni<Response> releases() {
        return listAnswer(() -> {
            Catalog catalog = holder.catalog();
            return rendered.json(catalog, "releases", catalog::releases);
        });
    }

    @GET
    @Path("/releases/{tag}/binaries")
    @NonBlocking
    public Uni<Response> binaries(@PathParam("tag") @Pattern(regexp = TAG, message = TAG_MESSAGE) String tag,
                                  @QueryParam("family") String family) {
        return listAnswer(() -> {
            Catalog catalog = holder.catalog();
            ReleaseCatalog release = release(catalog, tag);
            String wanted = family(family);
            return rendered.json(catalog, "binaries " + tag + " " + wanted, () -> release.binaries().stream()
                    .filter(b -> wanted == null || b.family().equals(wanted)).toList());
        });
    }

    @GET
    @Path("/binaries/{sha256}")
    public BinaryIdentity binary(@PathParam("sha256") @Pattern(regexp = SHA256, message = SHA256_MESSAGE) String sha256) {
        String sha = sha256.toLowerCase(Locale.ROOT);
        Catalog catalog = holder.catalog();
        BinaryRecord record = catalog.record(sha).orElseThrow(() -> ProblemException.notFound(
                "no release in the catalog shipped a binary with SHA-256 " + sha
                        + "; POST the file to /api/v1/inspect to see what it is"));
        return new BinaryIdentity(sha, catalog.occurrences(sha), record);
    }

    @GET
    @Path("/anomalies")
    @NonBlocking
    public Uni<Response> anomalies(@QueryParam("tag") @Pattern(regexp = TAG, message = TAG_MESSAGE) String tag,
                                   @QueryParam("family") String family,
                                   @QueryParam("severity") String severity) {
        return listAnswer(() -> anomalyList(tag, family, severity));
    }

    private Response anomalyList(String tag, String family, String given) {
        Catalog catalog = holder.catalog();
        // an enum query parameter is taken in any case, as interface is (issue 14)
        String severity = given == null ? null : given.strip().toLowerCase(java.util.Locale.ROOT);
        if (tag != null) {
            release(catalog, tag);
        }
        String wanted = family(family);
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw ProblemException.badRequest("severity must be one of " + SEVERITIES + ", not '" + abbreviate(severity) + "'");
        }
        return rendered.json(catalog, "anomalies " + tag + " " + wanted + " " + severity, () -> catalog.anomalies()
                .stream()
                .filter(a -> tag == null || a.tag().equals(tag))
                .filter(a -> wanted == null || a.family().equals(wanted))
                .filter(a -> severity == null || a.severity().equals(severity))
                .toList());
    }

    private static ReleaseCatalog release(Catalog catalog, String tag) {
        return catalog.release(tag).orElseThrow(() -> ProblemException.notFound("no release " + tag
                + " in the catalog; known releases run from " + catalog.releases().get(catalog.releases().size() - 1).tag()
                + " to " + catalog.releases().get(0).tag() + " (GET /api/v1/releases lists them)"));
    }

    /** The family's canonical name, null for none; 400 for a name that is no family. */
    static String family(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return Rules.bundled().family(name).map(Family::name).orElseThrow(() -> ProblemException.badRequest(
                "family must be one of " + Rules.bundled().families().stream().map(Family::name).toList()
                        + ", not '" + abbreviate(name) + "'"));
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
