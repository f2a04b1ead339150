package io.taskstream.notification.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with "equal jitter": after attempt n the base delay is
 * {@code initial * 2^(n-1)} capped at {@code max}; the wait is half of it plus a random share of the other half.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < initial <= max, got " + initial + ", " + max);
        }
    }

    /** The wait before the attempt after {@code attempt} (1-based); {@code random} yields [0, 1). */
    public Duration delayAfter(int attempt, DoubleSupplier random) {
        long cap = max.toMillis();
        long base = initial.toMillis();
        for (int i = 1; i < attempt && base < cap; i++) {
            base = base * 2;
        }
        base = Math.min(base, cap);
        long half = base / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (base - half)));
    }
}
