package dev.fuspath.cli;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * One artifact, two faces: {@code fuspath serve} runs the HTTP service; every other subcommand is a
 * command-line tool that must not open a port or print the framework's start-up log.
 */
@QuarkusMain
public final class Main {
    private Main() {
    }

    public static void main(String... args) {
        if (!runsService(args)) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.log.level", "WARN");
            System.setProperty("quarkus.banner.enabled", "false");
        }
        Quarkus.run(PicocliRunner.class, args);
    }

    static boolean runsService(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("serve");
            }
        }
        return false;
    }
}
