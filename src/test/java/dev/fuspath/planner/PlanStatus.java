package dev.fuspath.planner;

import dev.fuspath.web.ProblemMappers;

/** The HTTP status the API answers for a refusal (the planner says why; the web adapter maps it). */
final class PlanStatus {

    private PlanStatus() {
    }

    static int of(PlanException e) {
        return ProblemMappers.status(e.reason());
    }
}
