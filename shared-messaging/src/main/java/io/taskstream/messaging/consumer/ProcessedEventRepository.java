package io.taskstream.messaging.consumer;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code messaging.processed_event} ledger: which events each consumer group has handled, that is applied,
 * or dead-lettered after its handler failed (so a redelivered poll does not dead-letter it again).
 */
@Singleton
public class ProcessedEventRepository {

    private final JdbcOperations jdbc;

    ProcessedEventRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true the first time (group, event) is seen in a committed transaction */
    public boolean markProcessed(String group, UUID eventId) {
        return !markAllProcessed(group, Set.of(eventId)).isEmpty();
    }

    /** One statement for a whole batch. @return the ids that were new for this group */
    public Set<UUID> markAllProcessed(String group, Collection<UUID> eventIds) {
        return jdbc.prepareStatement("""
                INSERT INTO messaging.processed_event (consumer_group, event_id)
                SELECT ?, id FROM unnest(?) AS id ON CONFLICT DO NOTHING RETURNING event_id""", statement -> {
            statement.setString(1, group);
            statement.setArray(2, statement.getConnection().createArrayOf("uuid", eventIds.toArray()));
            ResultSet rs = statement.executeQuery();
            Set<UUID> inserted = new HashSet<>();
            while (rs.next()) {
                inserted.add(rs.getObject(1, UUID.class));
            }
            return inserted;
        });
    }

    /**
     * Records that {@code group} dead-lettered this event (or undecodable record, by its synthetic id): a redelivery
     * then skips it. @return false if the group had already applied or dead-lettered it
     */
    public boolean markDeadLettered(String group, UUID eventId) {
        return jdbc.prepareStatement("""
                INSERT INTO messaging.processed_event (consumer_group, event_id, dead_lettered) VALUES (?, ?, true)
                ON CONFLICT DO NOTHING""", statement -> {
            statement.setString(1, group);
            statement.setObject(2, eventId);
            return statement.executeUpdate() == 1;
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

    /**
     * Forgets that {@code group} dead-lettered this event (a re-drive from the DLQ), so it is applied when it comes
     * back. A row of an event that was applied stays: re-driving a second copy of a dead letter applies nothing twice.
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
}
