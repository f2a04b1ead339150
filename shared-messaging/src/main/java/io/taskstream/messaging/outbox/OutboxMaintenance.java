package io.taskstream.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Exposes the backlog as metrics:
 * {@code taskstream.outbox.backlog} (unsent rows) and {@code taskstream.outbox.oldest.unsent.age}
 * (seconds the oldest unsent row has waited; 0 when none). The relay deletes the rows it published;
 * rows that 0.1.0 relays marked sent instead are deleted here after a retention window.
 */
@Context
// In every service with an outbox, whether or not this replica relays: with Kafka off (or the relay off here) the
// backlog is what an operator has to watch.
@Requires(property = "taskstream.outbox.relay.enabled")
public class OutboxMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMaintenance.class);

    private final OutboxRepository repository;
    private final Duration retention;

    OutboxMaintenance(OutboxRepository repository, MeterRegistry meters,
                      @Value("${taskstream.outbox.retention:24h}") Duration retention) {
        this.repository = repository;
        this.retention = retention;
        Gauge.builder("taskstream.outbox.backlog", repository, r -> safely(r::countUnsent))
                .description("outbox rows not yet acknowledged by Kafka").register(meters);
        Gauge.builder("taskstream.outbox.oldest.unsent.age", repository, r -> safely(r::oldestUnsentAgeSeconds))
                .description("seconds the oldest unsent outbox row has waited").baseUnit("seconds").register(meters);
    }

    @Scheduled(fixedDelay = "${taskstream.outbox.cleanup-interval:10m}", initialDelay = "1m")
    void deletePublishedRows() {
        int deleted = repository.deleteSentBefore(Instant.now().minus(retention));
        if (deleted > 0) {
            LOG.info("deleted {} published outbox rows older than {}", deleted, retention);
        }
    }

    private static double safely(java.util.function.Supplier<? extends Number> query) {
        try {
            return query.get().doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN; // database unreachable: a gap in the graph, not a crashed scrape
        }
    }
}
