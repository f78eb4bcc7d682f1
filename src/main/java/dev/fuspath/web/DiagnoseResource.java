package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.PlanInputs;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

@Path("/api/v1/diagnose")
public class DiagnoseResource {

    /** 1 MiB: a whole STM32CubeProgrammer session log is a few tens of KiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final CatalogHolder holder;

    public DiagnoseResource(CatalogHolder holder) {
        this.holder = holder;
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Diagnosis diagnose(
            @QueryParam("chip") @Size(max = 40, message = "must be at most 40 characters") String chip,
            @QueryParam("fus") @Size(max = 20, message = "must be at most 20 characters") String fus,
            @HeaderParam("Content-Type") String contentType, InputStream stream) throws IOException {
        checkHints(chip, fus);
        // read one byte past the limit: a body streamed without a length is refused here
        byte[] body = stream == null ? new byte[0] : stream.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            InspectResource.discard(stream);
            throw new ProblemException(413, "Payload too large", "the log has more than " + MAX_BYTES
                    + " bytes; diagnose takes at most 1 MiB: keep the part from the connection before the failing"
                    + " command to its last line");
        }
        return holder.diagnoser().diagnose(new String(body, charset(contentType)),
                new Diagnoser.Hints(Optional.ofNullable(chip), Optional.ofNullable(fus)));
    }

    /**
     * A POST with no body and no Content-Type (the contract's request body is optional): diagnosed as the empty log
     * it is. A body of any type other than text/plain is still refused with 415, as before.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Diagnosis diagnoseWithoutBody(
            @QueryParam("chip") @Size(max = 40, message = "must be at most 40 characters") String chip,
            @QueryParam("fus") @Size(max = 20, message = "must be at most 20 characters") String fus,
            @HeaderParam("Content-Type") String contentType, @HeaderParam("Content-Length") String length,
            @HeaderParam("Transfer-Encoding") String coding, InputStream stream) throws IOException {
        byte[] first = stream == null ? new byte[0] : stream.readNBytes(1);
        boolean bodyDeclared = coding != null || (length != null && !length.strip().equals("0"));
        if ((contentType != null && !contentType.isBlank()) || bodyDeclared || first.length > 0) {
            InspectResource.discard(stream);
            throw new ProblemException(415, "Unsupported Media Type", "diagnose takes the log as text/plain (or no"
                    + " body at all), not " + (contentType == null || contentType.isBlank() ? "a body without a"
                    + " Content-Type" : contentType));
        }
        checkHints(chip, fus);
        return holder.diagnoser().diagnose("", new Diagnoser.Hints(Optional.ofNullable(chip), Optional.ofNullable(fus)));
    }

    private static void checkHints(String chip, String fus) {
        if (chip != null && !chip.isBlank()) {
            try {
                ChipRules.bundled().resolve(chip);
            } catch (PlanException e) {
                throw ProblemMappers.of(e);
            }
        }
        if (fus != null && !fus.isBlank()) {
            try {
                PlanInputs.fus(fus);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        }
    }

    /** The charset the Content-Type names, UTF-8 when it names none or one Java does not have. */
    private static Charset charset(String contentType) {
        try {
            String name = MediaType.valueOf(contentType).getParameters().get("charset");
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
