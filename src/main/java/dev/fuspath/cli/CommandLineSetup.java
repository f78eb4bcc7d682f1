package dev.fuspath.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Failures end with one line naming the cause and a documented exit code, never a stack trace. */
@ApplicationScoped
public class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /**
     * What every fuspath command line gets, whichever way it starts (under Quarkus, or on the light start path of
     * {@code dev.fuspath.launch.LightMain}): an exception is one line and exit code 4 or 5.
     */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean io = e instanceof IOException || e instanceof UncheckedIOException;
            cmd.getErr().println("fuspath " + cmd.getCommandName() + ": " + describe(e)
                    + (io ? "" : " (this is a bug in fuspath; please report it with the command you ran)"));
            return io ? ExitCodes.IO_ERROR : ExitCodes.INTERNAL;
        });
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof UncheckedIOException && e.getCause() != null && e.getCause().getMessage() != null) {
            message = e.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
