package dev.fuspath.executor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reading plans that come from outside: JSON that may be anything, checked against the id it carries. */
final class PlanDocuments {

    static final int MAX_PLAN = 1024 * 1024;
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanDocuments() {
    }

    static Plan parse(byte[] json, String origin) throws FlashException {
        Plan plan;
        try {
            plan = JSON.readValue(json, Plan.class);
        } catch (IOException | RuntimeException e) {
            throw new FlashException(FlashExit.USAGE, origin + " is not a fuspath plan (JSON as fuspath plan --json"
                    + " or GET /api/v1/plan give it)", "make one with fuspath plan --json, or leave out --plan");
        }
        if (plan == null || plan.id() == null || plan.chip() == null || plan.steps() == null || plan.from() == null
                || plan.to() == null || plan.iface() == null) {
            throw new FlashException(FlashExit.USAGE, origin + " lacks parts of a plan (id, chip, interface, from,"
                    + " to, steps)", "make one with fuspath plan --json");
        }
        for (PlanStep s : plan.steps()) {
            if (s == null || s.action() == null || s.command() == null || s.command().isEmpty()
                    || !s.command().get(0).equals("-c")) {
                throw new FlashException(FlashExit.USAGE, origin + " has a step without a programmer command",
                        "make the plan again with fuspath plan --json");
            }
        }
        String id = Planner.idOf(plan);
        if (!id.equals(plan.id())) {
            throw new FlashException(FlashExit.USAGE, origin + " carries id " + abbreviate(plan.id())
                    + " but its content hashes to " + id + ": it was edited or damaged",
                    "make the plan again with fuspath plan --json; fuspath runs only plans whose id matches");
        }
        return plan;
    }

    /** GETs a URL, at most {@link #MAX_PLAN} bytes; a problem+json answer becomes a FlashException with its detail. */
    static byte[] get(URI uri, Duration timeout, int exitOnProblem) throws FlashException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json, application/problem+json").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FlashException(FlashExit.IO, "cannot reach " + uri.getScheme() + "://" + uri.getAuthority()
                    + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    "check the server address and that fuspath serve runs there");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlashException(FlashExit.IO, "interrupted while asking " + uri, "run it again");
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_PLAN + 1);
        } catch (IOException e) {
            throw new FlashException(FlashExit.IO, "the answer from " + uri.getAuthority() + " was cut: "
                    + e.getMessage(), "run it again");
        }
        if (body.length > MAX_PLAN) {
            throw new FlashException(FlashExit.IO, "the answer from " + uri.getAuthority() + " is larger than a plan"
                    + " can be (" + MAX_PLAN + " bytes)", "check the server address");
        }
        if (response.statusCode() != 200) {
            String detail = detail(body);
            throw new FlashException(response.statusCode() == 404 || response.statusCode() == 422 ? exitOnProblem
                    : FlashExit.IO, uri.getAuthority() + " answered " + response.statusCode()
                    + (detail == null ? "" : ": " + detail), "check the server address, --target and --release");
        }
        return body;
    }

    private static String detail(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.hasNonNull("detail") ? abbreviate(n.get("detail").asText()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String abbreviate(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() <= 300 ? t : t.substring(0, 300) + "...";
    }
}
