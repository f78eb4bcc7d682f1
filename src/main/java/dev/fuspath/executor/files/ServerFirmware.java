package dev.fuspath.executor.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.planner.PlanStep;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plan files from a fuspath service: {@code GET {base}/api/v1/binaries/{sha256}/content}. The whole answer must
 * arrive within the timeout, a body longer than the plan's size is cut off and refused, and the bytes are kept only
 * when their SHA-256 is the plan's. Problem documents and transport failures become one sentence naming the fix.
 */
public final class ServerFirmware implements FirmwareSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_PROBLEM_BYTES = 64 * 1024;

    private final URI base;
    private final String prefix;
    private final Duration timeout;
    private final HttpClient client;

    public ServerFirmware(URI base, Duration timeout) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null) {
            throw new IllegalArgumentException("the server must be an http:// or https:// URL with a host, not " + base);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        this.base = base;
        String text = base.toString();
        this.prefix = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String describe() {
        return "server " + base;
    }

    @Override
    public Fetched fetch(PlanStep step) throws FirmwareUnavailableException {
        StepFile wanted = StepFile.of(step, describe());
        URI uri = URI.create(prefix + "/api/v1/binaries/" + wanted.sha256() + "/content");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/octet-stream, application/problem+json").GET().build();
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> {
            long cap = info.statusCode() == 200 ? wanted.size() : MAX_PROBLEM_BYTES;
            OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
            CappedBody b = declared.isPresent() && declared.getAsLong() > cap ? CappedBody.refused(cap, info.statusCode())
                    : new CappedBody(cap, info.statusCode());
            body.set(b);
            return b;
        });
        HttpResponse<byte[]> response;
        try {
            response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(answer, body);
            throw fail(wanted, "no complete answer from " + authority() + " within " + seconds() + ": is the server"
                    + " overloaded or the network slow? raise the timeout, or pass --firmware-dir");
        } catch (InterruptedException e) {
            stop(answer, body);
            Thread.currentThread().interrupt();
            throw fail(wanted, "interrupted while downloading");
        } catch (ExecutionException e) {
            throw fail(wanted, transportFailure(e.getCause() == null ? e : e.getCause(), wanted));
        }
        if (response.statusCode() != 200) {
            throw fail(wanted, refusal(response));
        }
        String mismatch = wanted.mismatch(response.body());
        if (mismatch != null) {
            throw fail(wanted, uri + " sent " + mismatch + ": the server sent other bytes than the plan's; nothing of"
                    + " them is used");
        }
        return new Fetched(response.body(), uri.toString());
    }

    private static void stop(CompletableFuture<?> answer, AtomicReference<CappedBody> body) {
        CappedBody b = body.get();
        if (b != null) {
            b.cancel();
        }
        answer.cancel(true);
    }

    private FirmwareUnavailableException fail(StepFile wanted, String reason) {
        return FirmwareUnavailableException.of(wanted, describe(), reason);
    }

    private String authority() {
        return base.getScheme() + "://" + base.getAuthority();
    }

    private String seconds() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private String transportFailure(Throwable cause, StepFile wanted) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof CappedBody.TooLong)) {
            root = root.getCause();
        }
        if (root instanceof CappedBody.TooLong tooLong) {
            return tooLong.status == 200
                    ? "the server sent (or announced) more than the " + wanted.size() + " bytes the plan gives for the"
                            + " file; the download was stopped and nothing of it is used"
                    : "the server answered " + tooLong.status + " with a body of more than " + MAX_PROBLEM_BYTES
                            + " bytes, which was not read";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection to " + authority() + " within " + seconds() + ": is the host reachable? check"
                    + " the URL, or pass --firmware-dir";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer from " + authority() + " within " + seconds() + ": raise the timeout, or pass"
                    + " --firmware-dir";
        }
        if (cause instanceof ConnectException || root instanceof ConnectException) {
            return "cannot connect to " + authority() + " (connection refused): start the service there (fuspath"
                    + " serve -Dfuspath.sync.source=...), check the URL, or pass --firmware-dir";
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host " + base.getHost() + ": check the URL, or pass --firmware-dir";
        }
        return "the download from " + authority() + " failed: " + describe(cause);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : clean(message);
    }

    /** "answered 404: DETAIL (FIX)", the detail from the problem document when there is one. */
    private String refusal(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String detail = problemDetail(response);
        String said = "answered " + status + (detail == null ? "" : ": " + detail);
        return switch (status) {
            case 404 -> said + " (the server's catalog does not hold these bytes: serve the catalog the plan was made"
                    + " from, or pass --firmware-dir)";
            case 502, 503 -> said + (detail == null ? " (the server cannot send files now)" : "")
                    + "; or pass --firmware-dir";
            default -> said + (detail == null ? " (" + response.headers().firstValue("Content-Type")
                    .orElse("no content type") + ")" : "");
        };
    }

    private static String problemDetail(HttpResponse<byte[]> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/problem+json") && !type.startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
            JsonNode detail = problem == null ? null : problem.get("detail");
            if (detail == null || !detail.isTextual()) {
                detail = problem == null ? null : problem.get("title");
            }
            return detail != null && detail.isTextual() && !detail.asText().isBlank() ? clean(detail.asText()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A server's words go into a one-line message: no control characters, and not a page of them. */
    private static String clean(String text) {
        String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return line.length() <= 400 ? line : line.substring(0, 400) + "...";
    }
}
