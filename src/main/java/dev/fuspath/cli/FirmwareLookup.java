package dev.fuspath.cli;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.executor.FlashException;
import dev.fuspath.executor.PlanFiles;
import dev.fuspath.executor.files.FirmwareDirectory;
import dev.fuspath.executor.files.FirmwareSource;
import dev.fuspath.executor.files.FirmwareSources;
import dev.fuspath.executor.files.FirmwareUnavailableException;
import dev.fuspath.executor.files.ServerFirmware;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The files of a plan for fuspath flash: each --firmware-dir in order, then the --server. */
final class FirmwareLookup {

    private FirmwareLookup() {
    }

    static PlanFiles of(List<Path> dirs, URI server, Duration timeout, Catalog catalog) {
        List<FirmwareSource> sources = new ArrayList<>();
        dirs.forEach(d -> sources.add(new FirmwareDirectory(d, catalog)));
        if (server != null) {
            sources.add(new ServerFirmware(server, timeout));
        }
        return plan -> {
            if (sources.isEmpty() && plan.steps().stream().anyMatch(s -> s.file() != null)) {
                throw new FlashException(FlashException.Reason.FILES_REFUSED, "the plan needs "
                        + plan.steps().stream().filter(s -> s.file() != null).map(s -> s.file()).distinct().toList()
                        + " and no --firmware-dir or --server says where they are; nothing was written",
                        "pass --firmware-dir with an STM32CubeWB checkout of " + plan.release() + ", or --server URL");
            }
            try {
                return new FirmwareSources(sources).fetchAll(plan);
            } catch (FirmwareUnavailableException e) {
                throw new FlashException(FlashException.Reason.FILES_REFUSED, e.getMessage() + "; nothing was written",
                        "pass --firmware-dir with an STM32CubeWB checkout of " + plan.release()
                                + " (git checkout " + plan.release() + "), or --server URL of a fuspath service");
            }
        };
    }
}
