package io.taskstream.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.taskstream.messaging.jdbc.DatabaseFailures;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Delivers due email/sms rows. Each tick first resolves expired leases, then claims and sends one
 * row at a time (up to {@code batch-size}), so a lease only has to outlast one send. Each channel's
 * row retries on its own: a failing sms never holds back the email or the in-app notification.
 */
@Singleton
@Requires(property = "taskstream.delivery.enabled", value = "true", defaultValue = "true")
class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryRepository repository;
    private final DeliverySettings settings;
    private final MeterRegistry meters;
    private final Map<Channel, ChannelSender> senders;
    private volatile boolean stopping;

    DeliveryWorker(DeliveryRepository repository, DeliverySettings settings, MeterRegistry meters,
                   List<ChannelSender> senders) {
        this.repository = repository;
        this.settings = settings;
        this.meters = meters;
        this.senders = senders.stream().filter(ChannelSender::configured)
                .collect(Collectors.toUnmodifiableMap(ChannelSender::channel, Function.identity()));
        senders.stream().filter(s -> !s.configured()).forEach(s -> LOG.warn(
                "{} is not configured: its delivery rows stay pending until it is", s.channel().wireName()));
    }

    @Scheduled(fixedDelay = "${taskstream.delivery.poll-interval:1s}", initialDelay = "1s")
    void tick() {
        if (stopping || senders.isEmpty()) {
            return;
        }
        try {
            int expired = repository.expireLeases(settings.retryUnknownOutcome(), settings.maxAttempts());
            if (expired > 0) {
                LOG.warn("{} deliveries had an expired lease (sender stopped mid-send)", expired);
            }
            for (int i = 0; i < settings.batchSize() && !stopping; i++) {
                Instant leaseEnd = Instant.now().plus(settings.lease());
                Optional<DeliveryJob> job;
                try {
                    job = repository.claim(senders.keySet(), settings.lease());
                } catch (DigestRepository.AssembledElsewhere e) {
                    LOG.debug("{}; this tick leaves it alone", e.getMessage()); // its row went back with the rollback
                    return;
                }
                if (job.isEmpty()) {
                    return;
                }
                deliver(job.get(), leaseEnd);
            }
        } catch (RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) { // an outage, shown by readiness and 503s: one line per tick
                LOG.warn("delivery tick skipped, the database is unavailable: {}", DatabaseFailures.rootCause(e));
            } else {
                LOG.error("delivery tick failed; retrying on the next tick", e);
            }
        }
    }

    private void deliver(DeliveryJob job, Instant leaseEnd) {
        SendResult result;
        try {
            result = senders.get(job.channel()).send(job);
        } catch (RuntimeException e) {
            result = SendResult.retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        SendResult sent = result;
        String outcome = untilLeaseEnds(job, leaseEnd, () -> record(job, sent));
        meters.counter("taskstream.deliveries", "channel", job.channel().wireName(), "outcome", outcome).increment();
    }

    private String record(DeliveryJob job, SendResult result) {
        boolean applied;
        String outcome;
        if (result.outcome() == SendResult.Outcome.DELIVERED) {
            applied = repository.delivered(job);
            outcome = "delivered";
        } else if (result.outcome() == SendResult.Outcome.RETRYABLE && job.attempt() < settings.maxAttempts()) {
            Duration delay = settings.backoff().delayAfter(job.attempt(), ThreadLocalRandom.current()::nextDouble);
            applied = repository.retryLater(job, result.error(), delay);
            outcome = "retry";
        } else {
            applied = repository.failed(job, result.error());
            outcome = "failed";
        }
        if (!applied) {
            LOG.warn("{} of notification {} was {} after its lease expired; the outcome was not recorded",
                    job.channel().wireName(), job.notificationId(), outcome);
        } else if (!"delivered".equals(outcome)) {
            LOG.info("{} of notification {} attempt {}: {} ({})", job.channel().wireName(), job.notificationId(),
                    job.attempt(), outcome, result.error());
        }
        return outcome;
    }

    /**
     * The message went out (or failed) whatever the database says now: an outcome write that failed because the
     * database is unavailable is retried (it is guarded by status and attempt, so a repeat is harmless) until the
     * lease ends, when the expiry takes over, or shutdown begins (the pool is about to close). Other errors are not
     * retried: they would hold the only delivery thread for a whole lease.
     * Given up at once, the row would stay {@code sending} and a database blip would turn a sent email into
     * "outcome unknown" and send an sms twice.
     */
    private String untilLeaseEnds(DeliveryJob job, Instant leaseEnd, Supplier<String> write) {
        long pauseMillis = 100;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!DatabaseFailures.isUnavailable(e) || stopping || Instant.now().plusMillis(pauseMillis).isAfter(leaseEnd)) {
                    throw e;
                }
                LOG.warn("recording the {} outcome of notification {} failed ({}); retrying in {} ms",
                        job.channel().wireName(), job.notificationId(), e.getMessage(), pauseMillis);
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(pauseMillis * 2, 2_000);
            }
        }
    }

    /**
     * Stops claiming as shutdown begins (not only when this bean is destroyed, after the scheduler's wait), so the
     * tick in progress ends after its current send and records it while the connection pool is still open: the
     * scheduler waits {@code taskstream.scheduling.shutdown-wait} (15 s here, longer than a channel's timeout).
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
