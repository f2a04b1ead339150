package io.taskstream.messaging.consumer;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The consumers' back-off: exponential with jitter, capped ({@code taskstream.consumer.initial-backoff}, {@code max-backoff}). */
@Singleton
class RetryPause {

    private final Duration initial;
    private final Duration max;

    RetryPause(@Value("${taskstream.consumer.initial-backoff:200ms}") Duration initial,
               @Value("${taskstream.consumer.max-backoff:5s}") Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** A random pause between half and all of initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between retries", e);
        }
    }
}
