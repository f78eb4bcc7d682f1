package dev.fuspath.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.IngestResult;
import dev.fuspath.records.Outcome;
import dev.fuspath.records.RecordConflictException;
import dev.fuspath.records.RecordFormatException;
import dev.fuspath.records.RecordPage;
import dev.fuspath.records.RecordParser;
import dev.fuspath.records.RecordQuery;
import dev.fuspath.records.RecordStoreException;
import dev.fuspath.records.RecordSummary;
import dev.fuspath.records.StationTokens;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The records API (issue 13): stations upload board records in batches with their bearer token; anyone who can
 * reach the service lists them and reads the summary. The domain (parsing, tokens, storage) is in dev.fuspath.records.
 */
@Path("/api/v1/records")
public class RecordsResource {

    /** 4 MiB, the API's body limit ({@link BodyLimits}); a batch of the largest records stays well under it. */
    public static final int MAX_BYTES = InspectResource.MAX_BYTES;
    /** Records in one batch: a station uploads what it has in batches of at most this many. */
    public static final int MAX_RECORDS = 1000;

    private static final Logger LOG = Logger.getLogger(RecordsResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UID = Pattern.compile("[0-9A-Fa-f]{24}");
    private static final Pattern STATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String PATH = "/api/v1/records";

    private final RecordsDatabase database;
    private final Event<RecordsStored> stored;
    private final LineViewers events;

    public RecordsResource(RecordsDatabase database, Event<RecordsStored> stored, LineViewers events) {
        this.database = database;
        this.stored = stored;
        this.events = events;
    }

    /** Fired after a batch stored at least one new record (the /line page refreshes on it). */
    public record RecordsStored(String station, long stored) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@HeaderParam("Authorization") String authorization, InputStream stream) throws IOException {
        StationTokens tokens;
        try {
            tokens = database.tokens();
        } catch (IllegalArgumentException e) {
            LOG.errorf("records upload refused: %s", e.getMessage());
            return problem(500, "Internal error", "the service's station tokens are misconfigured; the error is in"
                    + " its log", null);
        }
        Optional<String> station = bearer(authorization).flatMap(tokens::station);
        if (station.isEmpty()) {
            InspectResource.discard(stream);
            String detail = tokens.isEmpty()
                    ? "this service takes no uploads: it has no station tokens (fuspath.records.tokens.STATION="
                            + "SHA256 of the token)"
                    : authorization == null ? "an upload needs the station's token: Authorization: Bearer TOKEN"
                    : "the bearer token is not one of this service's station tokens";
            return Response.fromResponse(problem(401, "Unauthorized", detail, null))
                    .header("WWW-Authenticate", "Bearer realm=\"fuspath records\"").build();
        }
        byte[] body = stream == null ? new byte[0] : stream.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            InspectResource.discard(stream);
            return problem(413, "Payload too large", "the batch has more than " + MAX_BYTES + " bytes (4 MiB):"
                    + " upload at most " + MAX_RECORDS + " records at a time, in several batches", null);
        }
        JsonNode document;
        try {
            document = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return problem(400, "Bad request", "the body is not JSON: " + e.getOriginalMessage(), null);
        }
        if (document != null && document.path("records").isArray() && document.get("records").size() > MAX_RECORDS) {
            return problem(413, "Payload too large", "the batch has " + document.get("records").size()
                    + " records; upload at most " + MAX_RECORDS + " at a time, in several batches", null);
        }
        List<BoardRecord> records;
        try {
            records = RecordParser.batch(document);
        } catch (RecordFormatException e) {
            return problem(400, "Bad request", e.getMessage(), e.errors());
        }
        List<String> foreign = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).station().equals(station.get())) {
                foreign.add("records[" + i + "].station: is " + records.get(i).station() + ", but the token is"
                        + " station " + station.get() + "'s");
            }
        }
        if (!foreign.isEmpty()) {
            return problem(403, "Forbidden", "a station uploads its own records only: " + foreign.get(0), foreign);
        }
        IngestResult result;
        try {
            result = database.store().ingest(records);
        } catch (RecordConflictException e) {
            return problem(409, "Conflict", e.getMessage(), e.recordIds());
        } catch (RecordStoreException e) {
            return unavailable(e);
        }
        if (result.stored() > 0) {
            stored.fireAsync(new RecordsStored(station.get(), result.stored()));
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("stored", result.stored());
        answer.put("duplicates", result.duplicates());
        ArrayNode entries = answer.putArray("records");
        for (IngestResult.Entry entry : result.records()) {
            entries.addObject().put("recordId", entry.recordId()).put("status", entry.stored() ? "stored" : "duplicate");
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("uid") String uid, @QueryParam("station") String station,
                         @QueryParam("outcome") String outcome, @QueryParam("since") String since,
                         @QueryParam("until") String until, @QueryParam("limit") String limit,
                         @QueryParam("cursor") String cursor) {
        List<String> errors = new ArrayList<>();
        Optional<String> u = present(uid).filter(v -> check(UID.matcher(v).matches(), errors,
                "uid: must be 24 hexadecimal digits (a board's 96-bit unique ID)")).map(v -> v.toUpperCase(Locale.ROOT));
        Optional<String> s = present(station).filter(v -> check(STATION.matcher(v).matches(), errors,
                "station: must be 1 to 64 letters, digits or . _ -"));
        Optional<Outcome> o = present(outcome).flatMap(v -> {
            Optional<Outcome> parsed = Outcome.parse(v.strip().toLowerCase(Locale.ROOT)); // any case, as interface
            check(parsed.isPresent(), errors, "outcome: must be one of " + String.join(", ", Outcome.names()));
            return parsed;
        });
        Optional<Instant> from = instant("since", since, errors);
        Optional<Instant> to = instant("until", until, errors);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            errors.add("until: must be after since");
        }
        int n = RecordQuery.DEFAULT_LIMIT;
        if (present(limit).isPresent()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            check(n >= 1 && n <= RecordQuery.MAX_LIMIT, errors, "limit: must be an integer from 1 to "
                    + RecordQuery.MAX_LIMIT);
        }
        Optional<RecordQuery.Cursor> after = Optional.empty();
        if (present(cursor).isPresent()) {
            try {
                after = Optional.of(RecordQuery.Cursor.decode(cursor));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return problem(400, "Bad request", String.join("; ", errors), errors);
        }
        RecordPage page;
        try {
            page = database.store().find(new RecordQuery(u, s, o, from, to, n, after));
        } catch (RecordStoreException e) {
            return unavailable(e);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("records").addAll(page.records());
        page.next().ifPresent(next -> answer.put("next", next.encode()));
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("summary")
    @Produces(MediaType.APPLICATION_JSON)
    public Response summary(@QueryParam("since") String since) {
        List<String> errors = new ArrayList<>();
        Optional<Instant> from = instant("since", since, errors);
        if (!errors.isEmpty()) {
            return problem(400, "Bad request", String.join("; ", errors), errors);
        }
        try {
            return Response.ok(summaryJson(database.store().summary(from)), MediaType.APPLICATION_JSON).build();
        } catch (RecordStoreException e) {
            return unavailable(e);
        }
    }

    /**
     * Server-sent events for the /line page and any other viewer: an event {@code line} now and whenever any
     * instance stores records (seen within the poll interval), comments as keep-alives. No thread waits per viewer
     * ({@link LineViewers}, kept by the /line page's events).
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        if (!events.subscribe(sink, sse)) {
            throw new TooManyViewers();
        }
    }

    /** This instance has its maximum of event viewers (fuspath.records.events.max-clients). */
    static final class TooManyViewers extends RuntimeException {
        TooManyViewers() {
            super(null, null, false, false);
        }
    }

    @ServerExceptionMapper
    public Response tooManyViewers(TooManyViewers e) {
        return Response.fromResponse(problem(503, "Service unavailable", "this instance has as many viewers of the"
                + " line's events as it takes; try again later, or another instance", null))
                .header("Retry-After", "30").build();
    }

    public static ObjectNode summaryJson(RecordSummary s) {
        ObjectNode n = JSON.createObjectNode();
        s.since().ifPresent(v -> n.put("since", v.toString()));
        n.put("attempts", s.attempts());
        n.put("boards", s.boards());
        n.put("passedBoards", s.passedBoards());
        n.put("yield", Math.round(s.yield() * 10_000) / 10_000.0);
        putCounts(n.putObject("byOutcome"), s.byOutcome());
        putCounts(n.putObject("failuresByCause"), s.failuresByCause());
        putCounts(n.putObject("fusOnArrival"), s.fusOnArrival());
        putCounts(n.putObject("stackOnArrival"), s.stackOnArrival());
        s.medianSeconds().ifPresent(m -> n.put("medianSecondsPerAttempt", Math.round(m * 1000) / 1000.0));
        return n;
    }

    private static void putCounts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(7).trim());
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static boolean check(boolean ok, List<String> errors, String error) {
        if (!ok) {
            errors.add(error);
        }
        return ok;
    }

    private static Optional<Instant> instant(String name, String value, List<String> errors) {
        Optional<String> v = present(value);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (v.get().length() > 40) {
                throw new DateTimeParseException("", "", 0);
            }
            return Optional.of(Instant.parse(v.get()));
        } catch (DateTimeParseException e) {
            errors.add(name + ": must be an RFC 3339 time in UTC, e.g. 2026-12-01T08:00:00Z");
            return Optional.empty();
        }
    }

    private static Response unavailable(RecordStoreException e) {
        LOG.errorf("records store unavailable: %s", e.getMessage());
        return Response.fromResponse(problem(503, "Service unavailable", "the records database cannot be reached;"
                + " nothing was stored: send the batch again later", null)).header("Retry-After", "30").build();
    }

    private static Response problem(int status, String title, String detail, List<String> errors) {
        return ProblemMappers.problem(status, title, detail, PATH, errors);
    }
}
