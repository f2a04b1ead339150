package io.taskstream.messaging.consumer;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** The {@code messaging.processed_event} ledger: which events each consumer group has applied. */
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
}
