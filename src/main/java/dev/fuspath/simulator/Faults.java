package dev.fuspath.simulator;

import dev.fuspath.programmer.ProgrammerCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * The fault plan of a {@link SimulatedDevice}: what goes wrong, when. Deterministic and immutable; every method
 * returns a new plan. Each fault fires once ({@link #due}), on the command of its invocation that {@link #target}
 * names; what the fault then does to the device is the {@link FusModel}'s business, and how it reads is the
 * {@link TranscriptPrinter}'s. Random choices (power loss) come only from {@link #seed()} and the invocation number,
 * so the same plan always gives the same outcome.
 */
public final class Faults {

    public enum Kind {
        /** The FUS reports FUS_IMAGE_WRTERROR (for -fwupgrade; else the first command fails with it). */
        WRITE_ERROR,
        /** "Error: No STM32 target found!"; nothing runs, no state change. */
        DISCONNECT,
        /** The call would not return before {@link #hangFor()}: result {@code hung=true}, no state change. */
        HANG,
        /** Power lost in the middle of the command: FUS old or new (by seed), a stack never half there. */
        POWER_LOSS
    }

    /**
     * @param call 1-based invocation number ({@link SimulatedDevice#run} calls), or 0 for "the next invocation
     *             holding -fwupgrade"
     */
    public record Fault(int call, Kind kind) {
    }

    private static final Faults NONE = new Faults(0, List.of(), Duration.ofMinutes(10));

    private final long seed;
    private final List<Fault> faults;
    private final Duration hangFor;

    private Faults(long seed, List<Fault> faults, Duration hangFor) {
        this.seed = seed;
        this.faults = List.copyOf(faults);
        this.hangFor = hangFor;
    }

    public static Faults none() {
        return NONE;
    }

    public static Faults seed(long seed) {
        return new Faults(seed, List.of(), NONE.hangFor);
    }

    /** The {@code n}th invocation (1-based, counted from the device's creation) fails with {@code kind}. */
    public Faults onCall(int n, Kind kind) {
        if (n < 1) {
            throw new IllegalArgumentException("calls count from 1");
        }
        return with(new Fault(n, kind));
    }

    /** The next invocation that holds -fwupgrade fails with {@code kind}. */
    public Faults onNextFwUpgrade(Kind kind) {
        return with(new Fault(0, kind));
    }

    /** How long a hung call would block (reported in the result; nothing sleeps). */
    public Faults hangFor(Duration d) {
        return new Faults(seed, faults, d);
    }

    public long seed() {
        return seed;
    }

    public Duration hangFor() {
        return hangFor;
    }

    public List<Fault> faults() {
        return faults;
    }

    /**
     * The index in {@link #faults()} of the fault that fires on invocation {@code call} (1-based), or -1: the first
     * one not yet {@code fired} that is for this call, or for "the next -fwupgrade" when the invocation holds one.
     */
    public int due(int call, boolean holdsFwUpgrade, BitSet fired) {
        for (int k = 0; k < faults.size(); k++) {
            Fault f = faults.get(k);
            if (!fired.get(k) && (f.call() == call || (f.call() == 0 && holdsFwUpgrade))) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The command of an invocation a fault hits: its -fwupgrade, else the first command after the connection, else
     * the connection itself.
     */
    public static int target(List<ProgrammerCommand> commands) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) instanceof ProgrammerCommand.FwUpgrade) {
                return i;
            }
        }
        for (int i = 0; i < commands.size(); i++) {
            if (!(commands.get(i) instanceof ProgrammerCommand.Connect)) {
                return i;
            }
        }
        return 0;
    }

    /** The source of a fault's random choices on invocation {@code call}. */
    Random random(int call) {
        return new Random(seed * 0x9E3779B97F4A7C15L + call);
    }

    private Faults with(Fault f) {
        List<Fault> l = new ArrayList<>(faults);
        l.add(f);
        return new Faults(seed, l, hangFor);
    }
}
