package io.taskstream.bench;

import java.util.Locale;

/** Progress lines on standard output: seconds since the run started, the scenario, what happens. */
public final class Progress {

    private static final long START = System.nanoTime();

    private Progress() {
    }

    public static void say(String scenario, String format, Object... args) {
        double elapsed = (System.nanoTime() - START) / 1e9;
        System.out.printf(Locale.ROOT, "[%6.1f s] %-8s %s%n", elapsed, scenario, String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
