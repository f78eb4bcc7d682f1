package dev.fuspath.cli;

import io.quarkus.picocli.runtime.PicocliRunner;
import dev.fuspath.web.CatalogAtStart;
import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.HashMap;
import java.util.Map;

/**
 * One artifact, two faces: {@code fuspath serve} runs the HTTP service; every other subcommand is a
 * command-line tool that must not open a port or print the framework's start-up log.
 *
 * <p>The {@code fuspath} launcher starts the commands that need no server (plan, inspect, diagnose, any help) in
 * {@code dev.fuspath.launch.LightMain} instead, without Quarkus; this main is what {@code java -jar quarkus-run.jar}
 * and the other commands run.
 */
@QuarkusMain
public final class Main {

    private static final Map<String, String> COMMAND_LINE_TOOL = Map.of(
            "quarkus.http.host-enabled", "false",
            "quarkus.log.level", "WARN",
            "quarkus.banner.enabled", "false");

    private Main() {
    }

    public static void main(String... args) {
        Map<String, String> previous = new HashMap<>();
        if (!runsService(args)) {
            COMMAND_LINE_TOOL.forEach((key, value) -> {
                previous.put(key, System.getProperty(key));
                System.setProperty(key, value);
            });
        }
        java.util.function.BiConsumer<Integer, Throwable> exitHandler =
                ApplicationLifecycleManager.getDefaultExitCodeHandler();
        try {
            // a catalog refused at start (CatalogAtStart.CatalogRejected) ends serve with exit code 4, not 1. The
            // default handler is wrapped, not replaced by an argument: with a handler given, Quarkus would no longer
            // print a failed start's message
            ApplicationLifecycleManager.setDefaultExitCodeHandler((code, failure) -> exitHandler
                    .accept(rejectedCatalog(failure) ? ExitCodes.IO_ERROR : code, failure));
            Quarkus.run(PicocliRunner.class, args);
        } finally {
            ApplicationLifecycleManager.setDefaultExitCodeHandler(exitHandler);
            // matters where main runs inside a longer-lived JVM (tests): the next run starts as it would alone
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static boolean rejectedCatalog(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CatalogAtStart.CatalogRejected) {
                return true;
            }
        }
        return false;
    }

    /** Only {@code serve} opens the port; {@code serve --help} (or {@code -V}) prints and starts nothing. */
    static boolean runsService(String... args) {
        for (String arg : args) {
            if (HELP.contains(arg)) {
                return false;
            }
        }
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("serve");
            }
        }
        return false;
    }

    private static final java.util.Set<String> HELP = java.util.Set.of("-h", "--help", "-V", "--version");
}
