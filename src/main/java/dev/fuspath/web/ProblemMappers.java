package dev.fuspath.web;

import dev.fuspath.planner.PlanException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the API returns is application/problem+json; nothing leaks a stack trace. Outside the API, the pages
 * and browsers asking for HTML get the same error as a page ({@link BrowserPages#wanted}).
 */
public class ProblemMappers {

    /** The pages, for browsers (web.pages implements it: the adapter does not depend on the pages). */
    @Inject
    BrowserPages pages;

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static Response problem(int status, String title, String detail, String instance, List<String> errors) {
        return problem(status, title, detail, instance, errors, null);
    }

    static Response problem(int status, String title, String detail, String instance, List<String> errors,
                            List<String> available) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, errors, available)).build();
    }

    /**
     * The one place a plan refusal becomes HTTP: 400 for input that is wrong, 404 for a chip or release not known,
     * 422 for a plan that does not exist.
     */
    public static int status(PlanException.Reason reason) {
        return switch (reason) {
            case INVALID_INPUT -> 400;
            case UNKNOWN_CHIP, UNKNOWN_RELEASE -> 404;
            case NO_SUCH_TARGET, NOT_COVERED, REFUSED_BY_RULE, NO_FUS_ROUTE -> 422;
        };
    }

    /** A plan refusal as the problem document the API answers (with what exists instead in {@code available}). */
    public static ProblemException of(PlanException e) {
        int status = status(e.reason());
        String title = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            default -> "No such plan";
        };
        return new ProblemException(status, title, e.getMessage()).withAvailable(e.available());
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        if (pages.wanted(headers, uri.getPath())) {
            return pages.errorPage(e.status(), e.title(), e.getMessage(), e.available());
        }
        return problem(e.status(), e.title(), e.getMessage(), uri.getPath(), e.errors(), e.available());
    }

    @ServerExceptionMapper
    public Response invalidParameter(ResteasyReactiveViolationException e, UriInfo uri, HttpHeaders headers) {
        return invalid(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe).sorted().toList();
        if (pages.wanted(headers, uri.getPath())) {
            return pages.errorPage(400, "Bad request", String.join("; ", errors), null);
        }
        return problem(400, "Bad request", String.join("; ", errors), uri.getPath(), errors);
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        String name = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return name + ": " + v.getMessage();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        if (pages.wanted(headers, uri.getPath())) {
            return pages.errorPage(status, title, switch (status) {
                case 404 -> "There is no page at " + abbreviate(uri.getPath()) + ".";
                case 405 -> "This page does not take that kind of request.";
                case 413 -> tooLargeForPage(uri.getPath());
                case 415 -> "This page does not take that kind of form.";
                default -> "The request could not be answered.";
            }, null);
        }
        String detail = switch (status) {
            case 404 -> "no such resource: " + uri.getPath() + " (the API is described at /q/openapi)";
            case 405 -> "this resource does not accept that method (the API is described at /q/openapi)";
            case 406 -> "this resource answers application/json only";
            case 415 -> "this resource does not accept that content type (the API is described at /q/openapi)";
            case 413 -> "the request body is too large";
            default -> e.getMessage();
        };
        return problem(status, title, detail, uri.getPath(), null);
    }

    /** The body could not be read: cut by the HTTP layer's size limit (max-body-size), or the client went away. */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e, UriInfo uri, HttpHeaders headers) {
        boolean tooLarge = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("too large");
        if (pages.wanted(headers, uri.getPath())) {
            return tooLarge ? pages.errorPage(413, "Payload too large", tooLargeForPage(uri.getPath()), null)
                    : pages.errorPage(400, "Bad request", "The request could not be read; send it again.", null);
        }
        return tooLarge
                ? problem(413, "Payload too large", "the request body is larger than the "
                        + InspectResource.MAX_BYTES + " bytes (4 MiB) inspect takes", uri.getPath(), null)
                : problem(400, "Bad request", "the request body could not be read: " + e.getMessage(), uri.getPath(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri, HttpHeaders headers) {
        LOG.errorf(e, "unexpected error on %s", uri.getPath());
        if (pages.wanted(headers, uri.getPath())) {
            return pages.errorPage(500, "Internal error", "The service failed unexpectedly; the error is in its"
                    + " log.", null);
        }
        return problem(500, "Internal error", "the service failed unexpectedly; the error is in its log",
                uri.getPath(), null);
    }

    private static String tooLargeForPage(String path) {
        return "/diagnose".equals(path) ? "The form is too large: diagnose reads logs of at most 1 MiB."
                : "The upload is too large: inspect takes files of at most 4 MiB.";
    }

    private static String abbreviate(String path) {
        return path.length() <= 80 ? path : path.substring(0, 80) + "…";
    }
}
