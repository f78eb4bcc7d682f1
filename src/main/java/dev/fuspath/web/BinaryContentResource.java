package dev.fuspath.web;

import dev.fuspath.app.CatalogHolder;
import dev.fuspath.catalog.BinaryRecord;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * The bytes of a catalog binary, read from the service's git mirror and sent only once their SHA-256 is the one in
 * the URL. The bytes of a SHA-256 never change, so the ETag is the SHA-256 itself and answers may be kept forever.
 */
@Path("/api/v1/binaries/{sha256}/content")
public class BinaryContentResource {

    private final CatalogHolder holder;
    private final ServedMirror mirror;

    public BinaryContentResource(CatalogHolder holder, ServedMirror mirror) {
        this.holder = holder;
        this.mirror = mirror;
    }

    @GET
    public Response content(@PathParam("sha256") @Pattern(regexp = CatalogResource.SHA256,
                                    message = CatalogResource.SHA256_MESSAGE) String sha256,
                            @QueryParam("name") String name,
                            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        String fileName = name == null ? null : checkedName(name);
        String sha = sha256.toLowerCase(Locale.ROOT);
        EntityTag etag = new EntityTag(sha);
        BinaryRecord record = BinaryContents.record(holder.catalog(), sha);
        if (matches(ifNoneMatch, sha)) {
            return Response.notModified(etag).build();
        }
        BinaryContents.Found found = BinaryContents.find(holder.catalog(), mirror, sha);
        return Response.ok(found.bytes(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(etag)
                .header(HttpHeaders.CONTENT_LENGTH, found.bytes().length)
                .header("Content-Disposition", "attachment; filename=\""
                        + (fileName != null ? fileName : safeName(record.file())) + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** If-None-Match is a list of entity tags, weak or strong, or *; the comparison is weak (RFC 9110 13.1.2). */
    static boolean matches(String ifNoneMatch, String sha) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equalsIgnoreCase("\"" + sha + "\"")) {
                return true;
            }
        }
        return false;
    }

    /** The longest name= taken: longer than any upstream file name, short of any file system's limit. */
    static final int MAX_NAME = 200;

    /** The plan's link to a step's file: its bytes, named as the plan names the file. */
    public static String link(String sha256, String file) {
        return "/api/v1/binaries/" + sha256 + "/content?name="
                + java.net.URLEncoder.encode(file, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The name a download is saved under ({@code ?name=}, as a plan names the file): a plain file name, taken as
     * it is or refused whole (400), never repaired into another name. Printable ASCII only (the header carries it
     * quoted, so no quote and no backslash), no path separator, not "." or "..", at most {@link #MAX_NAME}
     * characters.
     */
    static String checkedName(String name) {
        String problem = null;
        if (name.isEmpty()) {
            problem = "is empty";
        } else if (name.length() > MAX_NAME) {
            problem = "is longer than " + MAX_NAME + " characters";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem = "holds a control character";
        } else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            problem = "holds a path separator: give a file name, not a path";
        } else if (name.chars().anyMatch(c -> c > 0x7e)) {
            problem = "holds a character that is not printable ASCII";
        } else if (name.indexOf('"') >= 0) {
            problem = "holds a quote";
        } else if (name.equals(".") || name.equals("..") || name.isBlank()) {
            problem = "is no file name";
        }
        if (problem != null) {
            throw ProblemException.badRequest("name " + problem + " (name is the file name the download is saved"
                    + " under, such as stm32wb5x_BLE_Stack_full_fw.bin)");
        }
        return name;
    }

    /** Upstream names are plain; anything else becomes '_' so the header cannot be broken or misread. */
    static String safeName(String file) {
        String name = file.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "binary.bin" : name;
    }
}
