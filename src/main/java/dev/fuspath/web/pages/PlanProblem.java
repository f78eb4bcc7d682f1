package dev.fuspath.web.pages;

import java.util.List;

/**
 * Why there is no plan, with what exists instead; each alternative links to the same lookup with that value.
 *
 * @param status HTTP status of the page: 400 malformed input, 404 unknown chip or release, 422 no such plan
 */
public record PlanProblem(int status, String title, String message, List<Alternative> alternatives) {

    /** A value that exists, and the /plan query that tries it; {@code query} is null when it cannot be tried as is. */
    public record Alternative(String value, String query) {
    }
}
