package dev.fuspath.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code STM32_Programmer_CLI} (or anything that behaves like it) once per invocation, bounded by a
 * timeout: a call that does not end in time is killed with everything it started, and reported as hung.
 */
public final class ProcessBackend implements Backend {

    /** Output kept per call; the tool prints a few kilobytes, a runaway one is cut here. */
    static final int MAX_OUTPUT = 4 * 1024 * 1024;

    private final Path programmer;
    private final Duration timeout;
    private final java.util.function.Consumer<String> lines;

    public ProcessBackend(Path programmer, Duration timeout) {
        this(programmer, timeout, line -> { });
    }

    /**
     * @param lines told each line of the programmer's output as it arrives (a line ends at a newline or a carriage
     *              return, as the tool's progress bar redraws with one), for progress shown to people; what it
     *              throws is ignored, and it never changes what the call returns
     */
    public ProcessBackend(Path programmer, Duration timeout, java.util.function.Consumer<String> lines) {
        if (!Files.isExecutable(programmer)) {
            throw new IllegalArgumentException(programmer + " is not an executable file: install STM32CubeProgrammer"
                    + " and pass the path of its bin/STM32_Programmer_CLI");
        }
        this.programmer = programmer;
        this.timeout = timeout;
        this.lines = lines;
    }

    @Override
    public Invocation run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(programmer.toString());
        command.addAll(arguments);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + programmer + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the tool reads no input; a pipe already closed is fine
        }
        OutputReader reader = new OutputReader(process.getInputStream(), lines);
        Thread readerThread = new Thread(reader, "programmer-output");
        readerThread.setDaemon(true);
        readerThread.start();
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
                readerThread.join(1000);
                return new Invocation(-1, reader.text(), true);
            }
            readerThread.join(5000);
            return new Invocation(process.exitValue(), reader.text(), false);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Invocation(-1, reader.text(), true);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects what the process prints, up to {@link #MAX_OUTPUT} bytes, draining the rest. */
    private static final class OutputReader implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final java.util.function.Consumer<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        OutputReader(InputStream in, java.util.function.Consumer<String> lines) {
            this.in = in;
            this.lines = lines;
        }

        private void tell(byte[] buffer, int n) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    if (line.size() > 0) {
                        String text = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        try {
                            lines.accept(text);
                        } catch (RuntimeException e) {
                            // progress for people must never break the call
                        }
                    }
                } else if (line.size() < 4096) {
                    line.write(b);
                }
            }
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    tell(buffer, n);
                    synchronized (out) {
                        if (out.size() < MAX_OUTPUT) {
                            out.write(buffer, 0, Math.min(n, MAX_OUTPUT - out.size()));
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its output: what was read stands
            }
        }

        String text() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
