package dev.fuspath.web.pages;

import dev.fuspath.catalog.FileNameClaims;
import dev.fuspath.diagnose.Diagnoser;
import dev.fuspath.diagnose.Diagnosis;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.DiagnoseResource;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * {@code /diagnose}: paste a STM32CubeProgrammer log (or choose its file), optionally with the chip and the FUS
 * version, and see what went wrong, on which lines, and the plan that would have worked. A plain form: multipart
 * from the page, urlencoded from other clients.
 */
@Path("/diagnose")
public class DiagnosePage {

    /** The most log text read, from the textarea or the file: 1 MiB, as the API. */
    static final int MAX_BYTES = DiagnoseResource.MAX_BYTES;
    /**
     * The longest body read: a 1 MiB log percent-encoded (each byte as %XX) plus the other fields. A larger declared
     * length gets a 413 before the body is read (see {@link PageBodyLimits}); application.properties lets a form
     * field be this long.
     */
    static final long MAX_FORM_BYTES = 3L * MAX_BYTES + 64 * 1024;
    static final int MAX_SHOWN_NAME = 100;

    private final CatalogHolder holder;

    public DiagnosePage(CatalogHolder holder) {
        this.holder = holder;
    }

    @GET
    public Response form() {
        return page(200, DiagnoseView.EMPTY);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response multipart(@RestForm("log") String log, @RestForm("file") FileUpload file,
                              @RestForm("chip") String chip, @RestForm("fus") String fus) {
        DiagnoseForm form = new DiagnoseForm(log, chip, fus);
        // a form sent with no file chosen still has the part, with an empty file name
        boolean chosen = file != null && (file.size() > 0 || (file.fileName() != null && !file.fileName().isBlank()));
        if (!chosen) {
            return diagnose(form, pasted(form.log()), "pasted text");
        }
        if (!form.tooLong().isEmpty()) {
            return tooLongHints(form);
        }
        if (file.size() > MAX_BYTES) {
            return tooLarge(form, "The file has " + Pages.bytes(file.size()));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            return page(400, DiagnoseView.refused(form.hintsOnly(), "The file could not be read; choose it again."));
        }
        return diagnose(form, new String(bytes, StandardCharsets.UTF_8), "the file " + name(file.fileName()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response urlencoded(@RestForm("log") String log, @RestForm("chip") String chip,
                               @RestForm("fus") String fus) {
        DiagnoseForm form = new DiagnoseForm(log, chip, fus);
        return diagnose(form, pasted(form.log()), "pasted text");
    }

    private Response diagnose(DiagnoseForm form, String log, String source) {
        if (!form.tooLong().isEmpty()) {
            return tooLongHints(form);
        }
        long bytes = utf8Length(log);
        if (bytes > MAX_BYTES) {
            return tooLarge(form, "The log has " + Pages.bytes(bytes));
        }
        Diagnosis d = holder.diagnoser().diagnose(log, new Diagnoser.Hints(form.chipHint(), form.fusHint()));
        // binary data is not put back into the textarea
        DiagnoseForm again = d.input().kind().equals("binary") ? form.hintsOnly() : form.withLog(log);
        return page(200, DiagnoseView.of(d, log, source, again));
    }

    private Response tooLongHints(DiagnoseForm form) {
        return page(400, DiagnoseView.refused(form.hintsOnly(), "Nothing diagnosed: "
                + String.join("; ", form.tooLong()) + "."));
    }

    private Response tooLarge(DiagnoseForm form, String size) {
        return page(413, DiagnoseView.refused(form.hintsOnly(), tooLargeMessage(size)));
    }

    static String tooLargeMessage(String size) {
        return size + "; diagnose reads logs of at most 1 MiB (" + String.format(java.util.Locale.ROOT, "%,d", MAX_BYTES)
                + " bytes). Keep the part from the connection before the failing command to its last line, and send"
                + " that.";
    }

    private Response page(int status, DiagnoseView view) {
        return Html.page(status, Templates.diagnose(view, FormChoices.of(holder.catalog())).render());
    }

    /** The textarea's text as it was pasted: browsers send its line ends as \r\n whatever they were. */
    static String pasted(String text) {
        return text == null ? "" : text.replace("\r\n", "\n");
    }

    static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The uploaded file's own name (no folders), cut and without control characters, to say what was read. */
    static String name(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "(no name)";
        }
        String base = FileNameClaims.baseName(fileName.replace('\\', '/'));
        base = base.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return Pages.abbreviate(base, MAX_SHOWN_NAME);
    }
}
