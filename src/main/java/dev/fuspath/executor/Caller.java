package dev.fuspath.executor;

import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs programmer calls on a backend. A call that never reached the device (no probe, no target: nothing
 * changed) is retried after a pause, a bounded number of times; every other outcome is returned as it is, so a call
 * whose effect is unknown is never repeated here.
 */
public final class Caller {

    private final Backend backend;
    private final int attempts;
    private final Duration pause;
    private final LongConsumer sleeper;
    private int calls;
    private long nanos;

    public Caller(Backend backend, int attempts, Duration pause) {
        this(backend, attempts, pause, Caller::sleep);
    }

    Caller(Backend backend, int attempts, Duration pause, LongConsumer sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.backend = backend;
        this.attempts = attempts;
        this.pause = pause;
        this.sleeper = sleeper;
    }

    public Call call(List<String> arguments) {
        Call last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long start = System.nanoTime();
            Backend.Invocation invocation = backend.run(arguments);
            long took = System.nanoTime() - start;
            calls++;
            nanos += took;
            last = Call.of(arguments, invocation, attempt, took / 1_000_000);
            if (last.effect() != Call.Effect.NOT_CONNECTED || attempt == attempts) {
                return last;
            }
            sleeper.accept(pause.toMillis() * attempt);
        }
        return last;
    }

    /** Time spent waiting for the programmer so far, in microseconds. */
    public long micros() {
        return nanos / 1000;
    }

    /** Programmer invocations made so far, retries included. */
    public int calls() {
        return calls;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
