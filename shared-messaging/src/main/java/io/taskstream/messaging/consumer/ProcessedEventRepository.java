package io.taskstream.messaging.consumer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.taskstream.events.envelope.DeadLetterHeaders;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code messaging.processed_event} ledger: which events each consumer group has handled, that is applied,
 * or dead-lettered after its handler failed. Each row keeps where its record was read ({@link #position}): a
 * dead-letter mark skips a redelivery of that same record only (a retried poll must not dead-letter it twice),
 * while a copy at another position, such as a DLQ re-drive by this group, is tried again. An applied event is never
 * applied twice.
 */
@Singleton
public class ProcessedEventRepository {

    private final JdbcOperations jdbc;

    ProcessedEventRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a record was read: {@code topic-partition@offset}. */
    public static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * The position {@code group} checks a dead-letter mark against ({@link #markAllProcessed}): the record's, except
     * for a copy another group re-drove ({@link DeadLetterHeaders#REDRIVE_GROUP}), which is null: this group's own
     * mark, from its own failure or its own operator's discard, then stands.
     */
    public static @Nullable String positionFor(String group, ConsumerRecord<?, ?> record) {
        Header redriver = record.headers().lastHeader(DeadLetterHeaders.REDRIVE_GROUP);
        if (redriver != null && redriver.value() != null && !group.equals(new String(redriver.value(), StandardCharsets.UTF_8))) {
            return null;
        }
        return position(record);
    }

    /** @return true if the handler should apply this event now (see {@link #markAllProcessed}) */
    public boolean markProcessed(String group, UUID eventId, @Nullable String position) {
        return !markAllProcessed(group, java.util.Collections.singletonMap(eventId, position)).isEmpty();
    }

    /**
     * One statement for a whole batch of event ids, each with the position it was read from. An id is new for
     * the group when it has no row, or only a dead-letter mark made at another position (the mark becomes an
     * applied row); a null position never overrides a mark. Call it in the handler's transaction: if that rolls back, so does this.
     *
     * @return the ids to apply now
     */
    public Set<UUID> markAllProcessed(String group, Map<UUID, String> positions) {
        return jdbc.prepareStatement("""
                INSERT INTO messaging.processed_event AS p (consumer_group, event_id, source_position)
                SELECT ?, id, pos FROM unnest(?, ?) AS r(id, pos)
                ON CONFLICT (consumer_group, event_id) DO UPDATE
                    SET dead_lettered = false, source_position = excluded.source_position, processed_at = now()
                    WHERE p.dead_lettered AND excluded.source_position IS NOT NULL
                        AND p.source_position IS DISTINCT FROM excluded.source_position
                RETURNING event_id""", statement -> {
            UUID[] ids = positions.keySet().toArray(UUID[]::new);
            String[] at = new String[ids.length];
            for (int i = 0; i < ids.length; i++) {
                at[i] = positions.get(ids[i]);
            }
            statement.setString(1, group);
            statement.setArray(2, statement.getConnection().createArrayOf("uuid", ids));
            statement.setArray(3, statement.getConnection().createArrayOf("text", at));
            ResultSet rs = statement.executeQuery();
            Set<UUID> fresh = new HashSet<>();
            while (rs.next()) {
                fresh.add(rs.getObject(1, UUID.class));
            }
            return fresh;
        });
    }

    /**
     * Records that {@code group} dead-lettered this event (or undecodable record, by its synthetic id), read at
     * {@code position}: a redelivery of that record then skips it. A mark made earlier moves to the new position.
     *
     * @return false if the group had already applied the event
     */
    public boolean markDeadLettered(String group, UUID eventId, String position) {
        return jdbc.prepareStatement("""
                INSERT INTO messaging.processed_event AS p (consumer_group, event_id, dead_lettered, source_position)
                VALUES (?, ?, true, ?)
                ON CONFLICT (consumer_group, event_id) DO UPDATE SET source_position = excluded.source_position
                    WHERE p.dead_lettered""", statement -> {
            statement.setString(1, group);
            statement.setObject(2, eventId);
            statement.setString(3, position);
            return statement.executeUpdate() == 1;
        });
    }

    /**
     * Forgets that {@code group} dead-lettered this event (a re-drive does, first, for replicas still on messaging V6,
     * which skip any copy of a marked event). An applied event's row stays: re-driving a second copy applies nothing twice.
     */
    public int forgetDeadLettered(String group, UUID eventId) {
        return jdbc.prepareStatement(
                "DELETE FROM messaging.processed_event WHERE consumer_group = ? AND event_id = ? AND dead_lettered",
                statement -> {
                    statement.setString(1, group);
                    statement.setObject(2, eventId);
                    return statement.executeUpdate();
                });
    }

    /** Whether {@code group} has applied or dead-lettered this event. */
    public boolean seen(String group, UUID eventId) {
        return jdbc.prepareStatement("SELECT 1 FROM messaging.processed_event WHERE consumer_group = ? AND event_id = ?",
                statement -> {
                    statement.setString(1, group);
                    statement.setObject(2, eventId);
                    try (ResultSet rs = statement.executeQuery()) {
                        return rs.next();
                    }
                });
    }
}
