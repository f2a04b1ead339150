package io.taskstream.messaging.consumer;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

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
        return jdbc.prepareStatement("INSERT INTO messaging.processed_event (consumer_group, event_id) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", statement -> {
            statement.setString(1, group);
            statement.setObject(2, eventId);
            return statement.executeUpdate() == 1;
        });
    }
}
