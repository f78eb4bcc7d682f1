package dev.fuspath.cli;

/** Whether a person is watching: progress that redraws a line in place is for a terminal only. */
final class Terminal {

    private Terminal() {
    }

    /**
     * True when the process has a terminal. Java 17's {@code System.console()} is non-null only when standard input
     * and output are both a terminal; standard error is the stream progress goes to, and it follows them in any
     * ordinary shell use ({@code fuspath sync | tee log} or {@code 2> file} gives no console).
     */
    static boolean interactive() {
        return System.console() != null;
    }

    /** {@code --progress} / {@code --no-progress} when given, else whether there is a terminal. */
    static boolean showProgress(Boolean option) {
        return option != null ? option : interactive();
    }
}
