package dev.fuspath.planner;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a plan step does: the closed set of step kinds. The JSON of a plan, the journal and the pages spell each one
 * as {@link #wire()} ({@code start-fus}, ...), as before it was a type.
 */
public enum StepAction {
    START_FUS("start-fus", "Start FUS"),
    READ_FUS_INFO("read-fus-info", "Read the FUS version"),
    STACK_DELETE("stack-delete", "Delete the wireless stack"),
    FUS_UPGRADE("fus-upgrade", "Upgrade FUS"),
    STACK_INSTALL("stack-install", "Install the wireless stack"),
    START_STACK("start-stack", "Start the wireless stack"),
    ANTI_ROLLBACK("anti-rollback", "Activate anti-rollback"),
    SET_OPTION_BYTES("set-option-bytes", "Restore the option bytes");

    private final String wire;
    private final String title;

    StepAction(String wire, String title) {
        this.wire = wire;
        this.title = title;
    }

    /** The action as JSON, the journal and people read it. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** A heading for people (the plan pages). */
    public String title() {
        return title;
    }

    /** The action a plan document or a journal line names; an unknown name is refused. */
    @JsonCreator
    public static StepAction of(String wire) {
        return Arrays.stream(values()).filter(a -> a.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown step action '" + wire + "'; known: "
                        + Arrays.stream(values()).map(StepAction::wire).toList()));
    }

    @Override
    public String toString() {
        return wire;
    }
}
