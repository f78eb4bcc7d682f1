package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.inspect.InspectReport;
import java.io.IOException;
import java.io.InputStream;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api/v1/inspect")
public class InspectResource {

    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final int MAX_FILENAME = 255;

    private final CatalogHolder holder;

    public InspectResource(CatalogHolder holder) {
        this.holder = holder;
    }

    /** Reads what is left of a refused body, keeping nothing, so the client gets its answer once it has sent. */
    static void discard(InputStream stream) {
        try {
            stream.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // cut off by the HTTP layer's limit, or the client went away: the 413 stands either way
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public InspectReport inspect(@QueryParam("filename") String filename, InputStream stream) throws IOException {
        // Read as a stream and stop one byte past the limit: a body streamed without a length is refused here,
        // well before the HTTP layer's own cut-off.
        byte[] body = stream == null ? new byte[0] : stream.readNBytes(MAX_BYTES + 1);
        if (body.length == 0) {
            throw ProblemException.badRequest("the request body is empty: send the .bin file's bytes as"
                    + " application/octet-stream (curl --data-binary @file.bin)");
        }
        if (body.length > MAX_BYTES) {
            discard(stream);
            throw new ProblemException(413, "Payload too large", "the file has more than " + MAX_BYTES
                    + " bytes; inspect takes at most 4 MiB, and no coprocessor image comes near that");
        }
        if (filename != null && (filename.length() > MAX_FILENAME || filename.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badRequest("filename must be at most " + MAX_FILENAME
                    + " characters without control characters");
        }
        return holder.inspector().inspect(filename == null || filename.isBlank() ? null : filename, body);
    }

}
