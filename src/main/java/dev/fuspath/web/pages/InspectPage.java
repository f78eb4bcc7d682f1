package dev.fuspath.web.pages;

import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.InspectResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code /inspect}: upload a .bin (a plain multipart form) and see what it really is. */
@Path("/inspect")
public class InspectPage {

    static final int MAX_FILENAME = 255;

    private final CatalogHolder holder;

    public InspectPage(CatalogHolder holder) {
        this.holder = holder;
    }

    @GET
    public Response form() {
        return Html.page(200, Templates.inspect(InspectView.EMPTY).render());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response inspect(@RestForm("file") FileUpload file) {
        // a form sent with no file chosen still has the part, with an empty file name
        if (file == null || (file.size() == 0 && (file.fileName() == null || file.fileName().isBlank()))) {
            return refused(400, "Choose a .bin file to inspect.");
        }
        if (file.size() > InspectResource.MAX_BYTES) {
            return refused(413, "The file has " + Pages.bytes(file.size()) + "; inspect takes at most 4 MiB, and no"
                    + " coprocessor image comes near that.");
        }
        String name = file.fileName() == null || file.fileName().isBlank() ? null
                : FileNameClaims.baseName(file.fileName().replace('\\', '/'));
        if (name != null && (name.length() > MAX_FILENAME || name.chars().anyMatch(Character::isISOControl))) {
            return refused(400, "The file name must be at most " + MAX_FILENAME
                    + " characters, without control characters: rename the file and send it again.");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            return refused(400, "The uploaded file could not be read; send it again.");
        }
        return Html.page(200, Templates.inspect(InspectView.of(holder.inspector().inspect(name, bytes))).render());
    }

    private static Response refused(int status, String problem) {
        return Html.page(status, Templates.inspect(InspectView.refused(problem)).render());
    }
}
