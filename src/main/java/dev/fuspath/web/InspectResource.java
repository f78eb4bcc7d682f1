package dev.fuspath.web;

import dev.fuspath.inspect.InspectReport;
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

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public InspectReport inspect(@QueryParam("filename") String filename, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty: send the .bin file's bytes as"
                    + " application/octet-stream (curl --data-binary @file.bin)");
        }
        if (body.length > MAX_BYTES) {
            throw tooLarge(body.length);
        }
        if (filename != null && (filename.length() > MAX_FILENAME || filename.chars().anyMatch(Character::isISOControl))) {
            throw ProblemException.badRequest("filename must be at most " + MAX_FILENAME
                    + " characters without control characters");
        }
        return holder.inspector().inspect(filename == null || filename.isBlank() ? null : filename, body);
    }

    static ProblemException tooLarge(long length) {
        return new ProblemException(413, "Payload too large", "the file has " + length + " bytes; inspect takes"
                + " at most " + MAX_BYTES + " (4 MiB), and no coprocessor image comes near that");
    }
}
