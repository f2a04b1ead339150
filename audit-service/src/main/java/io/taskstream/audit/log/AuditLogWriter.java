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
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/**
 * Appends task events to {@code audit_log} with one call of {@code audit_log_append}
 * (V4__batch_append.sql, V5-V7). Each entry links to its user's previous entry (the hash chain), so
 * the function first takes the one append lock every writer shares (transaction-scoped, V7: ids then
 * commit in order, which keyset readers rely on, and each chain has one writer), reads each user's previous hash once,
 * and chains the batch's entries server-side with {@code audit_entry_hash}, the function
 * verification recomputes. Must run inside the consumer's transaction.
 */
@Singleton
class AuditLogWriter {

    /** One call per batch: locks, chains and inserts server-side (V4__batch_append.sql). */
    private static final String APPEND = """
            SELECT audit_log_append(CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS int[]),
                                    CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bigint[]),
                                    CAST(? AS timestamptz[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                    CAST(CAST(? AS text[]) AS jsonb[]))""";

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    AuditLogWriter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void append(List<EventEnvelope<EventPayload>> events) {
        events.forEach(AuditLogWriter::requireTaskEvent);
        int n = events.size();
        UUID[] eventIds = new UUID[n];
        String[] eventTypes = new String[n];
        Integer[] schemaVersions = new Integer[n];
        String[] taskIds = new String[n];
        String[] userIds = new String[n];
        String[] actors = new String[n];
        Long[] aggregateVersions = new Long[n];
        String[] occurredAts = new String[n];
        String[] producers = new String[n];
        String[] correlationIds = new String[n];
        String[] causationIds = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            EventEnvelope<EventPayload> e = events.get(i);
            eventIds[i] = e.eventId();
            eventTypes[i] = e.eventType();
            schemaVersions[i] = e.schemaVersion();
            taskIds[i] = e.aggregateId();
            userIds[i] = e.userId();
            actors[i] = e.actor();
            aggregateVersions[i] = e.aggregateVersion();
            occurredAts[i] = e.occurredAt().toString(); // ISO-8601 UTC instant, exact
            producers[i] = e.producer();
            correlationIds[i] = e.correlationId();
            causationIds[i] = e.causationId();
            payloads[i] = payload(e);
        }
        jdbc.prepareStatement(APPEND, statement -> {
            Connection c = statement.getConnection();
            // lock_order: V4-V6 locked each user's chain in this order; V7 takes one lock for all writers
            // (ids commit in order) and ignores it, keeping the signature for replicas still on the old code.
            statement.setArray(1, c.createArrayOf("text", new String[0]));
            statement.setArray(2, c.createArrayOf("uuid", eventIds));
            statement.setArray(3, c.createArrayOf("text", eventTypes));
            statement.setArray(4, c.createArrayOf("int4", schemaVersions));
            statement.setArray(5, c.createArrayOf("text", taskIds));
            statement.setArray(6, c.createArrayOf("text", userIds));
            statement.setArray(7, c.createArrayOf("text", actors));
            statement.setArray(8, c.createArrayOf("int8", aggregateVersions));
            statement.setArray(9, c.createArrayOf("text", occurredAts));
            statement.setArray(10, c.createArrayOf("text", producers));
            statement.setArray(11, c.createArrayOf("text", correlationIds));
            statement.setArray(12, c.createArrayOf("text", causationIds));
            statement.setArray(13, c.createArrayOf("text", payloads));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static void requireTaskEvent(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof TaskEvent) || event.aggregateId() == null || event.userId() == null
                || event.aggregateVersion() < 1) {
            throw new NonRetryableException(event.eventType() + " " + event.eventId()
                    + " is not a task event with aggregate_id, user_id and an aggregate_version of at least 1");
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
