package dev.fuspath.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

@TopCommand
@Command(name = "fuspath", mixinStandardHelpOptions = true, version = "fuspath 0.1.0",
        description = "STM32WB coprocessor firmware catalog, planner and flasher.",
        subcommands = {ServeCommand.class, SyncCommand.class, InspectCommand.class, PlanCommand.class,
                FlashCommand.class, HistoryCommand.class, DiagnoseCommand.class, StationCommand.class})
public class FuspathCommand {
}
