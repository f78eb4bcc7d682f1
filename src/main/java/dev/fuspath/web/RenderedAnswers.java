package dev.fuspath.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.catalog.Catalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The catalog's JSON answers, rendered once per catalog and kept as bytes. An answer of bytes is handed to the
 * HTTP layer in one piece, so no thread ever waits for a client to read it, and a client asking for it again and
 * again costs no serialization. Keys are made of validated parameters only (a release tag that exists, a family,
 * a severity), so the cache is bounded by the catalog; a new catalog starts a new cache.
 */
@ApplicationScoped
public class RenderedAnswers {

    private record Cache(Catalog catalog, Map<String, byte[]> answers) {
    }

    private final ObjectMapper json;
    private volatile Cache cache = new Cache(null, Map.of());

    public RenderedAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** Whether a catalog has been rendered from already (so it is loaded, and reading it does not block). */
    boolean warm() {
        return cache.catalog() != null;
    }

    Response json(Catalog catalog, String key, Supplier<Object> value) {
        Cache c = cache;
        if (c.catalog() != catalog) {
            c = new Cache(catalog, new ConcurrentHashMap<>());
            cache = c;
        }
        byte[] bytes = c.answers().computeIfAbsent(key, k -> render(value.get()));
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private byte[] render(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a catalog answer", e);
        }
    }
}
