package io.taskstream.audit.log;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskEvent;
import io.taskstream.messaging.consumer.NonRetryableException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.TreeSet;

/**
 * Appends task events to {@code audit_log} in one JDBC batch. Each entry links to its user's
 * previous entry (the hash chain), so the chains of the users in the batch are locked first, in a
 * fixed order so two writers can never deadlock. Must run inside the consumer's transaction.
 */
@Singleton
class AuditLogWriter {

    private static final String INSERT = """
            INSERT INTO audit_log (event_id, event_type, schema_version, task_id, user_id, actor, aggregate_version,
                                   occurred_at, producer, correlation_id, causation_id, payload, prev_hash, hash)
            SELECT e.event_id, e.event_type, e.schema_version, e.task_id, e.user_id, e.actor, e.aggregate_version,
                   e.occurred_at, e.producer, e.correlation_id, e.causation_id, e.payload, prev.hash,
                   audit_entry_hash(prev.hash, e.event_id, e.event_type, e.schema_version, e.task_id, e.user_id,
                                    e.aggregate_version, e.occurred_at, e.producer, e.correlation_id, e.causation_id,
                                    e.payload, e.actor)
            FROM (SELECT CAST(? AS uuid) AS event_id, CAST(? AS text) AS event_type, CAST(? AS int) AS schema_version,
                         CAST(? AS text) AS task_id, CAST(? AS text) AS user_id, CAST(? AS text) AS actor,
                         CAST(? AS bigint) AS aggregate_version, CAST(? AS timestamptz) AS occurred_at,
                         CAST(? AS text) AS producer, CAST(? AS text) AS correlation_id,
                         CAST(? AS text) AS causation_id, CAST(? AS jsonb) AS payload) e
            CROSS JOIN (SELECT (SELECT hash FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT 1) AS hash) prev
            ON CONFLICT (event_id) DO NOTHING""";

    private final JdbcOperations jdbc;
    private final AuditRepository repository;
    private final JsonMapper json;

    AuditLogWriter(JdbcOperations jdbc, AuditRepository repository, JsonMapper json) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.json = json;
    }

    void append(List<EventEnvelope<EventPayload>> events) {
        events.forEach(AuditLogWriter::requireTaskEvent);
        new TreeSet<>(events.stream().map(EventEnvelope::userId).toList()).forEach(repository::lockChain);
        jdbc.prepareStatement(INSERT, statement -> {
            for (EventEnvelope<EventPayload> e : events) {
                statement.setObject(1, e.eventId());
                statement.setString(2, e.eventType());
                statement.setInt(3, e.schemaVersion());
                statement.setString(4, e.aggregateId());
                statement.setString(5, e.userId());
                statement.setString(6, e.actor());
                statement.setLong(7, e.aggregateVersion());
                statement.setTimestamp(8, Timestamp.from(e.occurredAt()));
                statement.setString(9, e.producer());
                statement.setString(10, e.correlationId());
                statement.setString(11, e.causationId());
                statement.setString(12, payload(e));
                statement.setString(13, e.userId());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    private static void requireTaskEvent(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof TaskEvent) || event.aggregateId() == null || event.userId() == null) {
            throw new NonRetryableException(event.eventType() + " " + event.eventId()
                    + " is not a task event with aggregate_id and user_id");
        }
    }

    private String payload(EventEnvelope<EventPayload> event) {
        try {
            return new String(json.writeValueAsBytes(event.data()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
