package dev.fuspath.executor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.fuspath.planner.StepAction;
import java.util.Arrays;
import dev.fuspath.planner.Plan;
import java.util.List;

/**
 * One thing that happened during {@code fuspath flash}: a line of the journal and of the {@code --json} stream.
 *
 * @param type     what happened (see {@link Type}: run-start, preflight, note, plan, files, confirm, dry-run, step-start,
 *                 retry, step-end, restore, run-end)
 * @param run      the run's id
 * @param step     plan step number, for step events
 * @param command  the exact arguments given to STM32_Programmer_CLI (step-start)
 * @param effect   what the programmer's output says of the step's effect: DONE, FAILED, NOT_CONNECTED, UNKNOWN
 * @param outcome  run-end: how the run ended ({@link RunOutcome})
 * @param fix      what to do about a failure, for people
 * @param request  run-start: what was asked
 * @param device   what the device said it is, when read
 * @param plan     the plan event: the whole plan, as run (file names, not the staged copies)
 * @param resumes  run-start of a resumed run: the run it continues
 * @param calls    programmer invocations so far in this run (retries included)
 * @param programmerMs step-end: milliseconds spent in programmer calls for the step, read-back included
 * @param fusV2OnlyBefore the note of an install address chosen for want of a FUS_v2-only history: whether an image
 *                 marked FUS_v2 only was installed on the part before, as decided (device, option or answer);
 *                 {@code --resume} uses it again rather than ask again or choose otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FlashEvent(String time, Type type, String run, Integer step, StepAction action, List<String> command,
                         String effect, Boolean ok, String message, String fix, RunOutcome outcome, Integer exitCode,
                         FlashRequest request, DeviceFacts device, String planId, Plan plan, String resumes,
                         Integer calls, Double programmerMs, Boolean fusV2OnlyBefore) {

    /** The kinds of event, as the journal and {@code --json} spell them. */
    public enum Type {
        /** a run begins: what was asked, and the run it resumes. */
        RUN_START("run-start"),
        /** the device as read before anything else. */
        PREFLIGHT("preflight"),
        /** something people should know that changes nothing (the chip taken from the device, ...). */
        NOTE("note"),
        /** the plan the run follows, whole. */
        PLAN("plan"),
        /** the files were found and checked. */
        FILES("files"),
        /** a delete or anti-rollback was confirmed, or not. */
        CONFIRM("confirm"),
        /** --dry-run: a step's command, not sent. */
        DRY_RUN("dry-run"),
        /** a step is about to run, with its exact command. */
        STEP_START("step-start"),
        /** a call that never reached the device is tried again. */
        RETRY("retry"),
        /** a step ended, with the device as read back. */
        STEP_END("step-end"),
        /** the stack is started again after pre-flight started FUS and nothing else was done. */
        RESTORE("restore"),
        /** the run ended, with its outcome and exit code. */
        RUN_END("run-end");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }

        @JsonCreator
        public static Type of(String wire) {
            return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown event type '" + wire + "'"));
        }

        @Override
        public String toString() {
            return wire;
        }
    }

    public static Builder of(Type type, String run) {
        return new Builder(type, run);
    }

    public static final class Builder {
        private final Type type;
        private final String run;
        private Integer step;
        private StepAction action;
        private List<String> command;
        private String effect;
        private Boolean ok;
        private String message;
        private String fix;
        private RunOutcome outcome;
        private Integer exitCode;
        private FlashRequest request;
        private DeviceFacts device;
        private String planId;
        private Plan plan;
        private String resumes;
        private Integer calls;
        private Double programmerMs;
        private Boolean fusV2OnlyBefore;

        private Builder(Type type, String run) {
            this.type = type;
            this.run = run;
        }

        public Builder step(int n, StepAction a) { step = n; action = a; return this; }
        public Builder command(List<String> c) { command = List.copyOf(c); return this; }
        public Builder effect(Call.Effect e) { effect = e == null ? null : e.name(); return this; }
        public Builder ok(boolean v) { ok = v; return this; }
        public Builder message(String m) { message = m; return this; }
        public Builder fix(String f) { fix = f; return this; }
        public Builder outcome(RunOutcome o) { outcome = o; return this; }
        public Builder exitCode(int c) { exitCode = c; return this; }
        public Builder request(FlashRequest r) { request = r; return this; }
        public Builder device(DeviceFacts d) { device = d; return this; }
        public Builder planId(String id) { planId = id; return this; }
        public Builder plan(Plan p) { plan = p; return this; }
        public Builder resumes(String r) { resumes = r; return this; }
        public Builder calls(int c) { calls = c; return this; }
        public Builder programmerMs(double m) { programmerMs = m; return this; }
        public Builder fusV2OnlyBefore(boolean v) { fusV2OnlyBefore = v; return this; }

        public FlashEvent at(String time) {
            return new FlashEvent(time, type, run, step, action, command, effect, ok, message, fix, outcome, exitCode,
                    request, device, planId, plan, resumes, calls, programmerMs, fusV2OnlyBefore);
        }
    }
}
