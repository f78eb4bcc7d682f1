package dev.fuspath.executor.files;

import java.util.List;
import java.util.stream.Collectors;

/** No source gave a plan step's file with the plan's checksum; {@link #attempts()} says why, source by source. */
public class FirmwareUnavailableException extends Exception {

    /** One source's answer: what it is ({@link FirmwareSource#describe()}) and why it has not the file. */
    public record Attempt(String source, String reason) {
    }

    private final int step;
    private final String file;
    private final List<Attempt> attempts;

    public FirmwareUnavailableException(int step, String file, List<Attempt> attempts) {
        super("step " + step + " needs " + file + ", which no source gave: " + attempts.stream()
                .map(a -> a.source() + ": " + a.reason()).collect(Collectors.joining("; ")));
        this.step = step;
        this.file = file;
        this.attempts = List.copyOf(attempts);
    }

    static FirmwareUnavailableException of(StepFile wanted, String source, String reason) {
        return new FirmwareUnavailableException(wanted.step(), wanted.file(), List.of(new Attempt(source, reason)));
    }

    public int step() {
        return step;
    }

    public String file() {
        return file;
    }

    public List<Attempt> attempts() {
        return attempts;
    }
}
