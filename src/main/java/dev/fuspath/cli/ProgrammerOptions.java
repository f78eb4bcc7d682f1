package dev.fuspath.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options {@code flash} and {@code station} share (a picocli mixin): what to flash, where the plan and files come
 * from, which programmer runs and how. Each command describes them in its own words, for its own use: the
 * descriptions are in the command's resource bundle (FlashCommand.properties, StationCommand.properties) under the
 * {@code descriptionKey}s here; the checks of their values stay in each command.
 */
public class ProgrammerOptions {

    @Option(names = "--target", paramLabel = "STACK", description = "Wanted stack name (BLE_Stack_full) or upstream file name.")
    String target;

    @Option(names = "--release", paramLabel = "TAG", description = "Release tag (default: the newest).")
    String release;

    @Option(names = "--interface", paramLabel = "swd|usb", defaultValue = "swd", descriptionKey = "interface")
    String iface;

    @Option(names = "--server", paramLabel = "URL", descriptionKey = "server")
    String server;

    @Option(names = "--firmware-dir", paramLabel = "DIR", descriptionKey = "firmware-dir")
    List<Path> firmwareDirs = List.of();

    @Option(names = "--programmer", paramLabel = "PATH", descriptionKey = "programmer")
    Path programmer;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", descriptionKey = "timeout")
    long timeoutSeconds;

    @Option(names = "--backend", paramLabel = "cubeprogrammer|simulator", defaultValue = "cubeprogrammer", descriptionKey = "backend")
    String backendName;

    @Option(names = "--simulate", paramLabel = "STATE", descriptionKey = "simulate")
    String simulate;

    @Option(names = "--yes", descriptionKey = "yes")
    boolean yes;

    @Option(names = "--fus-v2-only-before", paramLabel = "yes|no", descriptionKey = "fus-v2-only-before")
    String fusV2OnlyBefore;
}
