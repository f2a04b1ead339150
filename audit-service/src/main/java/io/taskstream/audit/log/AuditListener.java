package io.taskstream.audit.log;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskEvent;
import io.taskstream.messaging.consumer.IdempotentConsumer;
import io.taskstream.messaging.consumer.NonRetryableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Stores every task event once. The offset is committed after each record is stored (or sits in
 * the DLQ); if even the DLQ is unreachable the record is retried, never skipped.
 */
@KafkaListener(groupId = AuditListener.GROUP, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "5s",
                retryCount = Integer.MAX_VALUE))
public class AuditListener {

    static final String GROUP = "audit-service";

    private final AuditRepository repository;
    private final IdempotentConsumer consumer;
    private final JsonMapper json;

    AuditListener(AuditRepository repository, IdempotentConsumer consumer, JsonMapper json) {
        this.repository = repository;
        this.consumer = consumer;
        this.json = json;
    }

    @Topic("${taskstream.topics.task-events}")
    void receive(ConsumerRecord<String, byte[]> record) {
        consumer.process(GROUP, record, (event, r) -> store(event));
    }

    private void store(EventEnvelope<EventPayload> event) throws IOException {
        if (!(event.data() instanceof TaskEvent) || event.aggregateId() == null || event.userId() == null) {
            throw new NonRetryableException(event.eventType() + " " + event.eventId()
                    + " is not a task event with aggregate_id and user_id");
        }
        repository.lockChain(event.userId());
        repository.insertOnce(event.eventId(), event.eventType(), event.schemaVersion(), event.aggregateId(),
                event.userId(), event.aggregateVersion(), event.occurredAt(), event.producer(), event.correlationId(),
                event.causationId(), new String(json.writeValueAsBytes(event.data()), StandardCharsets.UTF_8));
    }
}
