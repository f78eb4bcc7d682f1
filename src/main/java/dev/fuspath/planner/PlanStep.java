package dev.fuspath.planner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One operation. Fields that do not apply to the action are absent from the JSON.
 *
 * @param action  start-fus, read-fus-info, stack-delete, fus-upgrade, stack-install, start-stack, anti-rollback,
 *                set-option-bytes
 * @param why     why the step is there, for people
 * @param command the exact STM32_Programmer_CLI arguments for the plan's interface
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanStep(int n, String action, String why, String file, String path, String sha256, Long size,
                       String address, String computedAddress, String fromFus, String toFus, Expect expect,
                       List<String> command) {

    /** What the device reports after the step. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expect(String fusState, String fus, String stack) {
    }
}
