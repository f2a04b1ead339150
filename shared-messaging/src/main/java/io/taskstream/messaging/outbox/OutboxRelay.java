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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes outbox rows to Kafka in id order and deletes them only after the broker has
 * acknowledged every record of the batch, in the transaction that claimed them. If publishing fails
 * the transaction rolls back, the rows stay and the next run sends them again (consumers
 * de-duplicate by event id).
 */
@Singleton
@Requires(property = "kafka.enabled", notEquals = "false")
@Requires(property = "taskstream.outbox.relay.enabled", value = "true")
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    /** Advisory lock key shared by every relay of one database ("outbox" in ASCII). */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final OutboxQueue queue;
    private final OutboxPublisher publisher;
    private final RelayTelemetry telemetry;
    private final int batchSize;

    OutboxRelay(OutboxQueue queue, OutboxPublisher publisher, RelayTelemetry telemetry,
                @Value("${taskstream.outbox.batch-size:500}") int batchSize) {
        this.queue = queue;
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
        if (!queue.tryLock(RELAY_LOCK)) {
            return 0;
        }
        List<ClaimedMessage> batch = queue.claim(batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (ClaimedMessage message : batch) {
            // A send that fails at once (no metadata for the topic within max.block.ms) would fail the
            // same way for every later row, each after its own wait: stop and let the batch roll back.
            if (firstFailure.get() != null) {
                break;
            }
            acks.add(send(message).whenComplete((metadata, failure) -> {
                if (failure != null) {
                    firstFailure.compareAndSet(null, failure);
                }
            }));
        }
        awaitAll(acks);
        queue.remove(batch);
        LOG.debug("published {} outbox rows up to id {}", batch.size(), batch.get(batch.size() - 1).id());
        return batch.size();
    }

    private CompletableFuture<?> send(ClaimedMessage message) {
        Span span = telemetry.start(message);
        try {
            List<Header> headers = headersOf(message);
            telemetry.inject(span, headers);
            return publisher.send(message.topic(), message.messageKey(), message.payload(), headers)
                    .whenComplete((metadata, failure) -> telemetry.completed(message, span, failure));
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

    private static List<Header> headersOf(ClaimedMessage message) {
        return new ArrayList<>(List.of(
                header(EventHeaders.EVENT_ID, message.eventId().toString()),
                header(EventHeaders.EVENT_TYPE, message.eventType()),
                header(EventHeaders.AGGREGATE_VERSION, Long.toString(message.aggregateVersion()))));
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
