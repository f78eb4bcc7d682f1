package dev.fuspath.executor;

import java.util.List;

/** Runs one STM32_Programmer_CLI invocation: the real tool, or a simulated device. */
public interface Backend {

    /** What one invocation printed and how it ended; {@code hung} when it did not end in time. */
    record Invocation(int exitCode, String output, boolean hung) {
    }

    Invocation run(List<String> arguments);
}
