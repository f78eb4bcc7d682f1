package dev.fuspath.executor.files;

import dev.fuspath.planner.StepAction;
import dev.fuspath.catalog.Sha256;
import dev.fuspath.planner.PlanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Plan steps and files for the firmware source tests. */
final class Steps {

    static final String FOLDER = "Projects/STM32WB_Copro_Wireless_Binaries/STM32WB5x/";
    static final String FULL = "stm32wb5x_BLE_Stack_full_fw.bin";

    private Steps() {
    }

    /** A stack-install step for exactly these bytes under that upstream file name. */
    static PlanStep install(int n, String file, byte[] bytes) {
        return step(n, file, FOLDER + file, Sha256.of(bytes), (long) bytes.length);
    }

    static PlanStep step(int n, String file, String path, String sha256, Long size) {
        return new PlanStep(n, StepAction.STACK_INSTALL, "the wireless stack", file, path, sha256, size, "0x080D0000", null,
                null, null, null, List.of("-fwupgrade", file, "0x080D0000"));
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }
}
