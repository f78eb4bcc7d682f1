package dev.fuspath.web.pages;

import dev.fuspath.records.RecordStoreException;
import dev.fuspath.web.RecordsDatabase;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * {@code /line}: the production line at a glance (issue 13), rendered on the server; /assets/line.js swaps in the
 * parts that {@code GET /api/v1/records/events} sends while stations report ({@link LineEvents}).
 */
@Path("/line")
public class LinePage {

    private final RecordsDatabase database;

    public LinePage(RecordsDatabase database) {
        this.database = database;
    }

    @GET
    public Response line() {
        try {
            return Html.page(200, Templates.line(LineEvents.view(database.store(), Instant.now())).render());
        } catch (RecordStoreException e) {
            return Response.fromResponse(ErrorPages.page(new ErrorView(503, "Service unavailable",
                    "The records database cannot be reached; the line's figures are there again when it is. Try"
                            + " again in a moment.", List.of()))).header("Retry-After", "30").build();
        }
    }
}
