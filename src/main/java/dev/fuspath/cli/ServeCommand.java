package dev.fuspath.cli;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

@Command(name = "serve", description = "Run the HTTP service on the loaded catalog until stopped.")
public class ServeCommand implements Runnable {
    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
