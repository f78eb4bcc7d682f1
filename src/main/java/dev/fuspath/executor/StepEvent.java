package dev.fuspath.executor;

/** What happened to one step: ok, or failed with the cause and what to do about it. */
public record StepEvent(int step, String action, boolean ok, String message) {
}
