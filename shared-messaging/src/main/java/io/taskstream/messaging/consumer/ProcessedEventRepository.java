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

    /** Forgets that {@code group} handled these events (a re-drive from the DLQ), so they are applied when they come back. */
    public int forget(String group, Collection<UUID> eventIds) {
        return jdbc.prepareStatement("DELETE FROM messaging.processed_event WHERE consumer_group = ? AND event_id = ANY (?)",
                statement -> {
                    statement.setString(1, group);
                    statement.setArray(2, statement.getConnection().createArrayOf("uuid", eventIds.toArray()));
                    return statement.executeUpdate();
                });
    }
}
