package dev.fuspath.executor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanStep;
import dev.fuspath.planner.Planner;
import dev.fuspath.programmer.ProgrammerCommand;
import java.io.IOException;
import dev.fuspath.executor.files.CappedBody;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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
            throw new FlashException(FlashException.Reason.INVALID_INPUT, origin + " is not a fuspath plan (JSON as fuspath plan --json"
                    + " or GET /api/v1/plan give it)", "make one with fuspath plan --json, or leave out --plan");
        }
        if (plan == null || plan.id() == null || plan.chip() == null || plan.steps() == null || plan.from() == null
                || plan.to() == null || plan.iface() == null) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, origin + " lacks parts of a plan (id, chip, interface, from,"
                    + " to, steps)", "make one with fuspath plan --json");
        }
        for (PlanStep s : plan.steps()) {
            if (s == null || s.action() == null || s.command() == null || s.command().isEmpty()
                    || !s.command().get(0).equals("-c")) {
                throw new FlashException(FlashException.Reason.INVALID_INPUT, origin + " has a step without a programmer command",
                        "make the plan again with fuspath plan --json");
            }
            try {
                ProgrammerCommand.parse(s.command());
            } catch (IllegalArgumentException e) {
                throw new FlashException(FlashException.Reason.INVALID_INPUT, origin + ": step " + s.n() + " has a programmer command"
                        + " fuspath does not run: " + e.getMessage(), "make the plan again with fuspath plan --json");
            }
        }
        String id = Planner.idOf(plan);
        if (!id.equals(plan.id())) {
            throw new FlashException(FlashException.Reason.INVALID_INPUT, origin + " carries id " + abbreviate(plan.id())
                    + " but its content hashes to " + id + ": it was edited or damaged",
                    "make the plan again with fuspath plan --json; fuspath runs only plans whose id matches");
        }
        return plan;
    }

    /**
     * GETs a URL, at most {@link #MAX_PLAN} bytes, the whole answer (connection, headers and body) within
     * {@code timeout}: a server that sends its headers and then stalls is given up on, by name. A problem+json
     * answer becomes a FlashException with its detail.
     */
    static byte[] get(URI uri, Duration timeout, FlashException.Reason onProblem) throws FlashException {
        String server = uri.getScheme() + "://" + uri.getAuthority();
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json, application/problem+json").GET().build();
        AtomicReference<CappedBody> reading = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> {
            status.set(info.statusCode());
            CappedBody b = info.headers().firstValueAsLong("Content-Length").orElse(0) > MAX_PLAN
                    ? CappedBody.refused(MAX_PLAN, info.statusCode()) : new CappedBody(MAX_PLAN, info.statusCode());
            reading.set(b);
            return b;
        });
        HttpResponse<byte[]> response;
        try {
            response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(answer, reading);
            throw new FlashException(FlashException.Reason.IO, "no complete answer from " + server + " within "
                    + seconds(timeout) + (status.get() == null ? "" : ": it answered " + status.get()
                    + ", then stopped sending the body"), "check that " + server + " is a fuspath service that"
                    + " answers, or give a longer --server-timeout");
        } catch (InterruptedException e) {
            stop(answer, reading);
            Thread.currentThread().interrupt();
            throw new FlashException(FlashException.Reason.IO, "interrupted while asking " + server, "run it again");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root && !(root instanceof CappedBody.TooLong)) {
                root = root.getCause();
            }
            if (root instanceof CappedBody.TooLong) {
                throw new FlashException(FlashException.Reason.IO, "the answer from " + server + " is larger than a plan can be ("
                        + MAX_PLAN + " bytes)", "check the server address");
            }
            if (cause instanceof HttpTimeoutException) {
                throw new FlashException(FlashException.Reason.IO, "no answer from " + server + " within " + seconds(timeout),
                        "check the server address and that fuspath serve runs there, or give a longer"
                                + " --server-timeout");
            }
            if (root instanceof java.net.ConnectException) {
                throw new FlashException(FlashException.Reason.IO, "cannot connect to " + server + " (connection refused)",
                        "check the server address and that fuspath serve runs there");
            }
            String message = root.getMessage() == null ? cause.getMessage() : root.getMessage();
            throw new FlashException(FlashException.Reason.IO, "cannot get " + abbreviate(uri.toString()) + " from " + server
                    + ": " + (message == null ? root.getClass().getSimpleName() : abbreviate(message)),
                    "check the server address and that fuspath serve runs there");
        }
        byte[] body = response.body();
        if (response.statusCode() != 200) {
            String detail = detail(body);
            throw new FlashException(response.statusCode() == 404 || response.statusCode() == 422 ? onProblem
                    : FlashException.Reason.IO, server + " answered " + response.statusCode()
                    + (detail == null ? "" : ": " + detail), "check the server address, --target and --release");
        }
        return body;
    }

    private static void stop(CompletableFuture<?> answer, AtomicReference<CappedBody> reading) {
        CappedBody b = reading.get();
        if (b != null) {
            b.cancel();
        }
        answer.cancel(true);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
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
