package io.taskstream.messaging.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import io.opentelemetry.api.trace.Span;
import io.taskstream.events.envelope.EventHeaders;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent only after the broker has
 * acknowledged every record of the batch. If publishing fails the transaction rolls back, the
 * rows stay unsent and the next run sends them again (consumers de-duplicate by event id).
 */
@Singleton
@Requires(property = "kafka.enabled", notEquals = "false")
@Requires(property = "taskstream.outbox.relay.enabled", value = "true")
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by every relay of one database ("outbox" in ASCII). */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final OutboxRepository repository;
    private final OutboxPublisher publisher;
    private final RelayTelemetry telemetry;
    private final int batchSize;

    OutboxRelay(OutboxRepository repository, OutboxPublisher publisher, RelayTelemetry telemetry,
                @Value("${taskstream.outbox.batch-size:500}") int batchSize) {
        this.repository = repository;
        this.publisher = publisher;
        this.telemetry = telemetry;
        this.batchSize = batchSize;
    }

    /**
     * Publishes until the outbox is empty (or another relay holds the lock).
     *
     * @return whether everything went out; false when publishing failed and should be retried later
     */
    public boolean drain() {
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == batchSize);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("outbox relay could not publish, will retry: {}", e.toString());
            return false;
        }
    }

    /** @return how many rows this call published (0 when another relay holds the lock) */
    @Transactional
    public int publishBatch() {
        if (!repository.tryRelayLock(RELAY_LOCK)) {
            return 0;
        }
        List<OutboxMessage> batch = repository.claimUnsent(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (OutboxMessage message : batch) {
            acks.add(send(message));
        }
        awaitAll(acks);
        repository.markSent(batch.stream().map(OutboxMessage::id).toList(), Instant.now());
        LOG.debug("published {} outbox rows up to id {}", batch.size(), batch.get(batch.size() - 1).id());
        return batch.size();
    }

    private CompletableFuture<?> send(OutboxMessage message) {
        Span span = telemetry.start(message);
        try {
            List<Header> headers = headersOf(message);
            telemetry.inject(span, headers);
            return publisher.send(message.topic(), message.messageKey(), message.payload().getBytes(StandardCharsets.UTF_8),
                    headers).whenComplete((metadata, failure) -> telemetry.completed(message, span, failure));
        } catch (RuntimeException e) {
            telemetry.completed(message, span, e);
            throw e;
        }
    }

    private static void awaitAll(List<CompletableFuture<?>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("broker did not acknowledge the batch: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker acknowledgement timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while awaiting acknowledgements", e);
        }
    }

    private static List<Header> headersOf(OutboxMessage message) {
        return new ArrayList<>(List.of(
                header(EventHeaders.EVENT_ID, message.eventId().toString()),
                header(EventHeaders.EVENT_TYPE, message.eventType()),
                header(EventHeaders.AGGREGATE_VERSION, Long.toString(message.aggregateVersion()))));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
