package io.taskstream.notification.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    @Test
    void doublesPerAttemptWithinHalfToFullOfTheBase() {
        assertThat(backoff.delayAfter(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1, () -> 0.999)).isBetween(Duration.ofMillis(9990), Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(2, () -> 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void isCappedAtTheMaximumEvenForHugeAttemptCounts() {
        assertThat(backoff.delayAfter(6, () -> 0.999)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(1_000, () -> 0.0)).isEqualTo(Duration.ofSeconds(150));
    }

    @Test
    void jitterSpreadsRetriesOfTheSameAttempt() {
        assertThat(backoff.delayAfter(4, () -> 0.1)).isNotEqualTo(backoff.delayAfter(4, () -> 0.9));
    }

    @Test
    void rejectsAnEmptyOrInvertedRange() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
