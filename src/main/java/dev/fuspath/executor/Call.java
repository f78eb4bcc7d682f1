package dev.fuspath.executor;

import dev.fuspath.programmer.ErrorPhrases;
import dev.fuspath.programmer.Operation;
import dev.fuspath.programmer.ProgrammerError;
import dev.fuspath.programmer.ProgrammerOutputParser;
import dev.fuspath.programmer.ProgrammerSession;
import java.util.List;

/**
 * One programmer call and what its output says about its effect on the device.
 *
 * @param attempts how many times it was started (connection failures that reached no device are retried)
 */
public record Call(List<String> arguments, Backend.Invocation invocation, ProgrammerSession session, Effect effect,
                   int attempts, long millis) {

    public enum Effect {
        /** Reported success. */
        DONE,
        /** Reported a failure from the device or FUS: what it did is in the output, the device may have changed. */
        FAILED,
        /** Never reached the device (no probe, no target, no DFU device): nothing changed. */
        NOT_CONNECTED,
        /** Hung, lost the connection mid-way, crashed, or printed nothing readable: read the device to know. */
        UNKNOWN
    }

    static Call of(List<String> arguments, Backend.Invocation invocation, int attempts, long millis) {
        ProgrammerSession session = ProgrammerOutputParser.parse(invocation.output());
        return new Call(arguments, invocation, session, classify(invocation, session), attempts, millis);
    }

    static Effect classify(Backend.Invocation invocation, ProgrammerSession session) {
        if (invocation.hung() || !session.recognized()) {
            return Effect.UNKNOWN;
        }
        List<ProgrammerError> errors = session.errors();
        boolean connected = session.deviceId() != null;
        if (!connected && !errors.isEmpty() && errors.stream().allMatch(e -> isConnectionError(e.code()))) {
            return Effect.NOT_CONNECTED;
        }
        if (errors.stream().anyMatch(e -> e.code().equals("CONNECTION_LOST") || isConnectionError(e.code()))) {
            return Effect.UNKNOWN;
        }
        boolean failed = invocation.exitCode() != 0 || !errors.isEmpty()
                || session.operations().stream().anyMatch(Operation::failed);
        if (failed) {
            return errors.isEmpty() && session.operations().stream().noneMatch(Operation::failed) ? Effect.UNKNOWN
                    : Effect.FAILED;
        }
        return connected ? Effect.DONE : Effect.UNKNOWN;
    }

    /**
     * Errors after which nothing reached the device, so a retry is safe: the codes rules/programmer-errors.json marks
     * "neverReachedDevice" (no probe, no target, no core, DEV_ errors, no DFU device). Narrower than "connection",
     * which also counts UNSUPPORTED_DEVICE (a device was reached but not identified).
     */
    static boolean isConnectionError(String code) {
        return ErrorPhrases.bundled().neverReachedDevice(code);
    }

    /** Distinct error codes, in order of appearance. */
    public List<String> codes() {
        return session.errors().stream().map(ProgrammerError::code).distinct().toList();
    }

    /**
     * How the call ended, for people: a clause with its own subject, so that it reads as part of one sentence
     * wherever it is put ("step 3 failed: ...; STM32_Programmer_CLI reported \"...\" [CODE]"), never a phrase that
     * only reads inside parentheses. The programmer's own words are quoted, without their trailing period, and the
     * code is in brackets. Callers put it after a colon or a semicolon, never inside parentheses.
     */
    public String summary() {
        if (invocation.hung()) {
            return "the call did not finish in time and was stopped";
        }
        if (!session.recognized()) {
            return "the call printed nothing that reads as STM32_Programmer_CLI output and exited with code "
                    + invocation.exitCode();
        }
        return session.firstError().map(e -> "STM32_Programmer_CLI reported \"" + said(e.message()) + "\" ["
                        + e.code() + "]")
                .orElse(invocation.exitCode() == 0 ? "the call succeeded"
                        : "the call exited with code " + invocation.exitCode());
    }

    /** The programmer's line as a quotation: without its "Error:" label and trailing period. */
    static String said(String message) {
        String m = message.strip();
        if (m.regionMatches(true, 0, "Error:", 0, 6)) {
            m = m.substring(6).strip();
        }
        while (m.endsWith(".") || m.endsWith(":")) {
            m = m.substring(0, m.length() - 1).strip();
        }
        return m;
    }
}
