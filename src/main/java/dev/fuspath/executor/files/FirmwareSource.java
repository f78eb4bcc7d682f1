package dev.fuspath.executor.files;

import dev.fuspath.planner.PlanStep;

/** Where the files a plan names come from: a folder, a fuspath service, or several of them in turn. */
public interface FirmwareSource {

    /** The bytes of the file a plan step names: found, and verified against the step's sha256 and size. */
    Fetched fetch(PlanStep step) throws FirmwareUnavailableException;

    /**
     * The same, knowing the plan's release, so that a failure can say which release to get the file from. Sources
     * whose messages gain nothing from it need not override this.
     */
    default Fetched fetch(PlanStep step, String release) throws FirmwareUnavailableException {
        return fetch(step);
    }

    /** For people: "folder /home/me/STM32CubeWB", "server http://host:8080". */
    String describe();
}
