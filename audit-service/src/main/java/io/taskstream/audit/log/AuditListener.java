package io.taskstream.audit.log;

import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Stores every task event. Offsets are committed synchronously after the records of a poll were
 * stored, so a crash re-delivers and the unique event id turns the repeat into a no-op.
 */
@KafkaListener(groupId = "audit-service", offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC)
public class AuditListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditListener.class);

    private final AuditRepository repository;
    private final EventCodec codec;
    private final JsonMapper json;

    AuditListener(AuditRepository repository, EventCodec codec, JsonMapper json) {
        this.repository = repository;
        this.codec = codec;
        this.json = json;
    }

    @Topic("${taskstream.topics.task-events}")
    @Transactional
    void receive(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<EventPayload> event = codec.decode(record.value());
        int inserted = repository.insertOnce(event.eventId(), event.eventType(), event.schemaVersion(),
                event.aggregateId(), event.userId(), event.aggregateVersion(), event.occurredAt(), event.producer(),
                event.correlationId(), event.causationId(), payloadJson(event));
        if (inserted == 0) {
            LOG.debug("duplicate {} {} ignored", event.eventType(), event.eventId());
        }
    }

    private String payloadJson(EventEnvelope<EventPayload> event) {
        try {
            return new String(json.writeValueAsBytes(event.data()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
