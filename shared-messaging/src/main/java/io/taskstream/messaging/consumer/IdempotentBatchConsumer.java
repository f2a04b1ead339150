package io.taskstream.messaging.consumer;

import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link IdempotentConsumer} for batch listeners: the whole poll is applied in one transaction
 * (one processed_event insert, one handler call, one commit), which is what makes a batch fast.
 * If that transaction fails, the batch falls back to record-by-record processing, so one bad event
 * is retried and dead-lettered alone while its neighbours are applied.
 */
@Singleton
public class IdempotentBatchConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentBatchConsumer.class);

    private final IdempotentConsumer single;
    private final ProcessedEventRepository processed;
    private final TransactionOperations<Connection> transactions;
    private final ConsumerMetrics metrics;

    IdempotentBatchConsumer(IdempotentConsumer single, ProcessedEventRepository processed,
                            TransactionOperations<Connection> transactions, ConsumerMetrics metrics) {
        this.single = single;
        this.processed = processed;
        this.transactions = transactions;
        this.metrics = metrics;
    }

    /** Returns once every record is applied or in the DLQ; the caller may then commit the batch's offsets. */
    public void process(String group, List<ConsumerRecord<String, byte[]>> records, BatchHandler handler) {
        if (records.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        // The first delivery of each event id wins; a repeat inside the same poll is a duplicate.
        Map<UUID, Decoded> decoded = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            metrics.consumed(record.topic(), group);
            EventEnvelope<EventPayload> event = single.decodeOrDeadLetter(group, record);
            if (event != null && decoded.putIfAbsent(event.eventId(), new Decoded(record, event)) != null) {
                metrics.duplicate(record.topic(), group);
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        try {
            List<Decoded> applied = transactions.executeWrite(status -> {
                Set<UUID> fresh = processed.markAllProcessed(group, decoded.keySet());
                List<Decoded> todo = decoded.values().stream().filter(d -> fresh.contains(d.event().eventId())).toList();
                if (!todo.isEmpty()) {
                    handler.handle(todo.stream().map(Decoded::event).toList());
                }
                return todo;
            });
            Duration each = Duration.ofNanos((System.nanoTime() - started) / decoded.size());
            for (Decoded d : decoded.values()) {
                if (applied.contains(d)) {
                    metrics.succeeded(d.record().topic(), group, each);
                } else {
                    metrics.duplicate(d.record().topic(), group);
                }
            }
        } catch (RuntimeException | Error e) {
            IdempotentConsumer.rethrowFatal(e);
            LOG.warn("{}: batch of {} failed ({}); applying its records one by one", group, decoded.size(),
                    IdempotentConsumer.unwrap(e).toString());
            for (Decoded d : new ArrayList<>(decoded.values())) {
                single.apply(group, d.record(), d.event(), (event, record) -> handler.handle(List.of(event)));
            }
        }
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, EventEnvelope<EventPayload> event) {
    }
}
