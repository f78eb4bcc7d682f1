package dev.fuspath.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code errors} lists each invalid input when there are several; {@code available}
 * lists what exists instead of what was asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<String> errors,
                      List<String> available) {

    public Problem(String type, String title, int status, String detail, String instance, List<String> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
}
