package io.taskstream.bench.relay;

import io.taskstream.bench.BenchStack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Writes rows into api-service's real outbox (messaging.outbox_message) and watches the relay publish them. */
final class OutboxFill {

    private static final String INSERT = "INSERT INTO messaging.outbox_message (event_id, topic, message_key, event_type, "
            + "payload, aggregate_id, aggregate_version, created_at) VALUES (?,?,?,?,?,?,?,?)";

    private final BenchStack stack;

    OutboxFill(BenchStack stack) {
        this.stack = stack;
    }

    /** Inserts every record for {@code topic} in one transaction; returns System.nanoTime() right after the commit. */
    long insert(String topic, List<RelayRecord> records) throws SQLException {
        try (Connection c = stack.connect("api-service", "reWriteBatchedInserts=true");
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            int pending = 0;
            for (RelayRecord r : records) {
                insert.setObject(1, r.eventId());
                insert.setString(2, topic);
                insert.setString(3, r.key());
                insert.setString(4, r.eventType());
                insert.setString(5, r.payload());
                insert.setString(6, r.aggregateId());
                insert.setLong(7, r.aggregateVersion());
                insert.setTimestamp(8, now);
                insert.addBatch();
                if (++pending == 1000) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
            c.commit();
            return System.nanoTime();
        }
    }

    /** Rows of {@code topic} still in the outbox (the relay deletes what it published). */
    long unsent(Connection c, String topic) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT count(*) FROM messaging.outbox_message WHERE topic = ? AND sent_at IS NULL")) {
            q.setString(1, topic);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
