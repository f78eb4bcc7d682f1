package dev.fuspath.planner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One plan per starting FUS version, for the same part, target and release (a production line whose boards arrive
 * with several FUS versions). {@code id} is the SHA-256 of the canonical JSON of the entries (also the ETag).
 */
public record PlanSet(String id, List<Entry> plans) {

    /** The most starting FUS versions one request may ask for. */
    public static final int MAX_FUS = 8;

    /**
     * For one starting FUS: the plan, or why there is none ({@code status} 422 and {@code detail}, with
     * {@code available} listing what exists instead).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String fus, Plan plan, Integer status, String detail, List<String> available) {
        /**
         * The {@code status} of an entry without a plan ({@link PlanException.Reason#noPlan()}): the contract's
         * PlanSet spells a refusal with the number a single plan's refusal answers, 422.
         */
        public static final int NO_PLAN = 422;
    }
}
