package io.taskstream.messaging.dlq;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The {@code messaging.dead_letter_resolution} table: one decision per DLQ record and group. */
@Singleton
class DeadLetterResolutionRepository {

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    DeadLetterResolutionRepository(JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** @return false if the record already has a decision */
    boolean tryResolve(String group, String dlqTopic, DeadLetterRecordId id, String action, @Nullable String reason,
                       String resolvedBy) {
        return jdbc.prepareStatement("""
                INSERT INTO messaging.dead_letter_resolution
                    (consumer_group, dlq_topic, dlq_partition, dlq_offset, action, reason, resolved_by)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setString(1, group);
            statement.setString(2, dlqTopic);
            statement.setInt(3, id.partition());
            statement.setLong(4, id.offset());
            statement.setString(5, action);
            statement.setString(6, reason);
            statement.setString(7, resolvedBy);
            return statement.executeUpdate() == 1;
        });
    }

    /** Decisions for one group's records in a DLQ topic, by record id. */
    Map<String, DeadLetterEntry.Resolution> resolutions(String group, String dlqTopic) {
        return transactions.executeRead(status -> jdbc.prepareStatement("""
                SELECT dlq_partition, dlq_offset, action, reason, resolved_by, resolved_at
                FROM messaging.dead_letter_resolution WHERE consumer_group = ? AND dlq_topic = ?""", statement -> {
            statement.setString(1, group);
            statement.setString(2, dlqTopic);
            ResultSet rs = statement.executeQuery();
            Map<String, DeadLetterEntry.Resolution> found = new HashMap<>();
            while (rs.next()) {
                found.put(new DeadLetterRecordId(rs.getInt(1), rs.getLong(2)).toString(), resolution(rs));
            }
            return found;
        }));
    }

    private static DeadLetterEntry.Resolution resolution(ResultSet rs) throws SQLException {
        return new DeadLetterEntry.Resolution(rs.getString("action"), rs.getString("reason"),
                rs.getString("resolved_by"), rs.getTimestamp("resolved_at").toInstant());
    }
}
