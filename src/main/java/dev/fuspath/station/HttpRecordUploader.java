package dev.fuspath.station;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fuspath.records.BoardRecord;
import dev.fuspath.records.RecordJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Uploads records to a fuspath service: {@code POST URL/api/v1/records} with {@code Authorization: Bearer TOKEN}.
 * The token is never printed; a refusal names the status and the service's own detail.
 */
public final class HttpRecordUploader implements RecordUploader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final URI endpoint;
    private final String token;
    private final Duration timeout;
    private final HttpClient client;

    public HttpRecordUploader(URI base, String token, Duration timeout) {
        String b = base.toString().endsWith("/") ? base.toString() : base + "/";
        this.endpoint = URI.create(b + "api/v1/records");
        this.token = token;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Answer upload(List<BoardRecord> batch) {
        ObjectNode doc = JSON.createObjectNode();
        ArrayNode records = doc.putArray("records");
        batch.forEach(r -> records.add(RecordJson.node(r)));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(doc))).build();
        } catch (IOException e) {
            return new Answer(Status.REJECTED, "the batch could not be written: " + e.getMessage());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(Status.UNREACHABLE, endpoint + " cannot be reached: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Status.UNREACHABLE, "interrupted");
        }
        int status = response.statusCode();
        String detail = detail(response.body());
        if (status == 200) {
            return Answer.ok();
        }
        if (status == 401 || status == 403) {
            return new Answer(Status.REFUSED, endpoint + " refused the station's token (" + status + ")"
                    + (detail == null ? "" : ": " + detail));
        }
        if (status == 400 || status == 409 || status == 413 || status == 415) {
            return new Answer(Status.REJECTED, endpoint + " refused the batch (" + status + ")"
                    + (detail == null ? "" : ": " + detail));
        }
        return new Answer(Status.UNREACHABLE, endpoint + " answered " + status + (detail == null ? "" : ": " + detail));
    }

    private static String detail(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            String d = n == null ? null : n.path("detail").asText(null);
            if (d == null) {
                return null;
            }
            d = d.replaceAll("\\p{Cntrl}", " ");
            return d.length() > MAX_DETAIL ? d.substring(0, MAX_DETAIL) + "..." : d;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }
}
