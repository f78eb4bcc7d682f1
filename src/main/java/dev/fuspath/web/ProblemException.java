package dev.fuspath.web;

import java.util.List;

/** Ends a request with a problem document: the status, a short title, and a detail that names the fix. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<String> errors;
    private List<String> available;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, List<String> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> available() {
        return available;
    }

    public ProblemException withAvailable(List<String> values) {
        this.available = values == null || values.isEmpty() ? null : List.copyOf(values);
        return this;
    }
}
