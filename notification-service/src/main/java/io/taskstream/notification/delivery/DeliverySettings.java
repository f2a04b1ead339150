package io.taskstream.notification.delivery;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code taskstream.delivery.*}: how the worker claims, retries and gives up. Channels listed in
 * {@code retry-unknown-outcome} are retried (at-least-once) when a sender stopped mid-send; the
 * others are failed (at-most-once). See the service README, "Delivery".
 */
@Singleton
public class DeliverySettings {

    private final int batchSize;
    private final int maxAttempts;
    private final Duration lease;
    private final Backoff backoff;
    private final Set<Channel> retryUnknownOutcome;

    DeliverySettings(@Value("${taskstream.delivery.batch-size:20}") int batchSize,
                     @Value("${taskstream.delivery.max-attempts:6}") int maxAttempts,
                     @Value("${taskstream.delivery.lease:2m}") Duration lease,
                     @Value("${taskstream.delivery.initial-backoff:10s}") Duration initialBackoff,
                     @Value("${taskstream.delivery.max-backoff:1h}") Duration maxBackoff,
                     @Value("${taskstream.delivery.retry-unknown-outcome:sms}") List<String> retryUnknownOutcome) {
        if (batchSize < 1 || maxAttempts < 1 || lease.toMillis() < 1000) {
            throw new IllegalArgumentException("taskstream.delivery: batch-size and max-attempts must be >= 1, lease >= 1s");
        }
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.backoff = new Backoff(initialBackoff, maxBackoff);
        this.retryUnknownOutcome = retryUnknownOutcome.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(name -> Channel.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                        "taskstream.delivery.retry-unknown-outcome: unknown channel '" + name + "'")))
                .collect(Collectors.toUnmodifiableSet());
    }

    public int batchSize() {
        return batchSize;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration lease() {
        return lease;
    }

    public Backoff backoff() {
        return backoff;
    }

    public Set<Channel> retryUnknownOutcome() {
        return retryUnknownOutcome;
    }
}
