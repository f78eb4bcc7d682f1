package dev.fuspath.planner;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One operation. Fields that do not apply to the action are absent from the JSON.
 *
 * @param action  what the step does (its JSON name: start-fus, read-fus-info, ...; see {@link StepAction})
 * @param why     why the step is there, for people
 * @param notesAddress the release notes' table address, present only when {@code address} is not that address
 *                (a legacy image installed 0x4000 lower because a FUS_v2-only image was installed before)
 * @param addressIfFusV2OnlyBefore present only when the plan cannot know whether a FUS_v2-only image was ever
 *                installed on the part: the address to use instead of {@code address} if one was (the executor
 *                decides from the device, or asks)
 * @param command the exact STM32_Programmer_CLI arguments for the plan's interface
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanStep(int n, StepAction action, String why, String file, String path, String sha256, Long size,
                       String address, String computedAddress, String notesAddress, String addressIfFusV2OnlyBefore,
                       String fromFus, String toFus, Expect expect, List<String> command) {

    public PlanStep(int n, StepAction action, String why, String file, String path, String sha256, Long size,
                    String address, String computedAddress, String fromFus, String toFus, Expect expect,
                    List<String> command) {
        this(n, action, why, file, path, sha256, size, address, computedAddress, null, null, fromFus, toFus, expect,
                command);
    }

    /** The same step under another number. */
    public PlanStep renumbered(int number) {
        return new PlanStep(number, action, why, file, path, sha256, size, address, computedAddress, notesAddress,
                addressIfFusV2OnlyBefore, fromFus, toFus, expect, command);
    }

    /** The same step with another command (the staged file's path in place of its name). */
    public PlanStep withCommand(List<String> newCommand) {
        return new PlanStep(n, action, why, file, path, sha256, size, address, computedAddress, notesAddress,
                addressIfFusV2OnlyBefore, fromFus, toFus, expect, newCommand);
    }

    /**
     * What the device reports after the step.
     *
     * @param fusState  the FUS state STM32_Programmer_CLI prints at the end of the step ("FUS state is ..."): FUS_IDLE
     *                  while FUS runs; FUS_ERROR at the end of a stack install, whose new stack runs instead of FUS
     * @param fusStatus the FUS status it prints with it, when the step determines it: FUS_NOT_RUNNING at the end of a
     *                  stack install (gh-mbed-os-stm32wb-readme-usb-v2.3.log: "FUS state is FUS_ERROR", "FUS status is
     *                  FUS_NOT_RUNNING", "Firmware Upgrade Success")
     * @param fus       the FUS version read back
     * @param stack     "none", or the stack name and version read back
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Expect(String fusState, String fusStatus, String fus, String stack) {

        /** An expectation without a FUS status. */
        public Expect(String fusState, String fus, String stack) {
            this(fusState, null, fus, stack);
        }

        /**
         * How the real tool ends a stack install: the stack now runs, so FUS does not answer ("FUS state is
         * FUS_ERROR", "FUS status is FUS_NOT_RUNNING", then "Firmware Upgrade Success"; gh-mbed-os's log, the
         * simulator's TranscriptPrinter). A success, not an error.
         */
        public static Expect stackInstalled(String fus, String stack) {
            return new Expect("FUS_ERROR", "FUS_NOT_RUNNING", fus, stack);
        }
    }
}
