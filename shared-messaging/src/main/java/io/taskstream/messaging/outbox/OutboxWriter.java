package io.taskstream.messaging.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionDefinition;
import io.opentelemetry.context.Context;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.messaging.tracing.TraceHeaders;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Appends events to the outbox inside the caller's transaction (there must be one), with the current
 * trace context, so the relay's record continues the trace of the request or event that wrote it.
 *
 * <p>{@link #appendAll(List)} writes several events with one multi-row INSERT: one round trip to
 * PostgreSQL and one firing of the NOTIFY trigger, however many rows. Rows get their ids (the relay's
 * publishing order) in list order.
 */
@Singleton
@Requires(beans = OutboxRepository.class)
public class OutboxWriter {

    /** One event to append: its topic, record key and envelope. */
    public record Entry(String topic, String key, EventEnvelope<?> envelope) {
    }

    private static final String INSERT = "INSERT INTO messaging.outbox_message (event_id, topic, message_key, "
            + "event_type, payload, aggregate_id, aggregate_version, created_at, trace_parent, trace_state) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int COLUMNS = 10;
    static final int MAX_ROWS_PER_STATEMENT = 1000;
    /** Statements for 1–4 rows, built once (the common sizes: one event, or an event and its board update). */
    private static final String[] SQL = {null, sql(1), sql(2), sql(3), sql(4)};

    private final JdbcOperations jdbc;
    private final EventCodec codec;

    public OutboxWriter(JdbcOperations jdbc, EventCodec codec) {
        this.jdbc = jdbc;
        this.codec = codec;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void append(String topic, String key, EventEnvelope<?> envelope) {
        insert(List.of(new Entry(topic, key, envelope)));
    }

    /** Appends {@code entries} in one statement, in order. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (!entries.isEmpty()) {
            insert(entries);
        }
    }

    private void insert(List<Entry> entries) {
        // pgjdbc binds at most 65,535 parameters per statement: large lists go in chunks, in order.
        for (int from = 0; from < entries.size(); from += MAX_ROWS_PER_STATEMENT) {
            insertChunk(entries.subList(from, Math.min(entries.size(), from + MAX_ROWS_PER_STATEMENT)));
        }
    }

    private void insertChunk(List<Entry> entries) {
        TraceHeaders.Stored trace = TraceHeaders.Stored.of(Context.current());
        OffsetDateTime now = OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        int rows = entries.size();
        String sql = rows < SQL.length ? SQL[rows] : sql(rows);
        jdbc.prepareStatement(sql, statement -> {
            int i = 0;
            for (Entry entry : entries) {
                bind(statement, i, entry, now, trace);
                i += COLUMNS;
            }
            return statement.executeUpdate();
        });
    }

    private void bind(PreparedStatement statement, int offset, Entry entry, OffsetDateTime now,
                      TraceHeaders.Stored trace) throws SQLException {
        EventEnvelope<?> envelope = entry.envelope();
        statement.setObject(offset + 1, envelope.eventId());
        statement.setString(offset + 2, entry.topic());
        statement.setString(offset + 3, entry.key());
        statement.setString(offset + 4, envelope.eventType());
        statement.setString(offset + 5, new String(codec.encode(envelope), StandardCharsets.UTF_8));
        statement.setString(offset + 6, envelope.aggregateId());
        statement.setLong(offset + 7, envelope.aggregateVersion());
        statement.setObject(offset + 8, now);
        statement.setString(offset + 9, trace.traceParent());
        statement.setString(offset + 10, trace.traceState());
    }

    private static String sql(int rows) {
        StringBuilder sql = new StringBuilder(INSERT);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(ROW);
        }
        return sql.toString();
    }
}
