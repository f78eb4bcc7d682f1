package dev.fuspath.executor;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fuspath.planner.Plan;
import java.util.List;

/**
 * One thing that happened during {@code fuspath flash}: a line of the journal and of the {@code --json} stream.
 *
 * @param type     run-start, preflight, plan, files, confirm, step-start, step-end, recovered, run-end
 * @param run      the run's id
 * @param step     plan step number, for step events
 * @param command  the exact arguments given to STM32_Programmer_CLI (step-start)
 * @param effect   what the programmer's output says of the step's effect: DONE, FAILED, NOT_CONNECTED, UNKNOWN
 * @param outcome  run-end: completed, up-to-date, dry-run, stopped, refused
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
public record FlashEvent(String time, String type, String run, Integer step, String action, List<String> command,
                         String effect, Boolean ok, String message, String fix, String outcome, Integer exitCode,
                         FlashRequest request, DeviceFacts device, String planId, Plan plan, String resumes,
                         Integer calls, Double programmerMs, Boolean fusV2OnlyBefore) {

    public static Builder of(String type, String run) {
        return new Builder(type, run);
    }

    public static final class Builder {
        private final String type;
        private final String run;
        private Integer step;
        private String action;
        private List<String> command;
        private String effect;
        private Boolean ok;
        private String message;
        private String fix;
        private String outcome;
        private Integer exitCode;
        private FlashRequest request;
        private DeviceFacts device;
        private String planId;
        private Plan plan;
        private String resumes;
        private Integer calls;
        private Double programmerMs;
        private Boolean fusV2OnlyBefore;

        private Builder(String type, String run) {
            this.type = type;
            this.run = run;
        }

        public Builder step(int n, String a) { step = n; action = a; return this; }
        public Builder command(List<String> c) { command = List.copyOf(c); return this; }
        public Builder effect(Call.Effect e) { effect = e == null ? null : e.name(); return this; }
        public Builder ok(boolean v) { ok = v; return this; }
        public Builder message(String m) { message = m; return this; }
        public Builder fix(String f) { fix = f; return this; }
        public Builder outcome(String o) { outcome = o; return this; }
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
