package io.taskstream.bench.relay;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.report.Point;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes rows into api-service's real outbox (messaging.outbox_message) and watches the relay publish them. */
final class OutboxFill {

    private static final String INSERT = "INSERT INTO messaging.outbox_message (event_id, topic, message_key, event_type, "
            + "payload, aggregate_id, aggregate_version, created_at) VALUES (?,?,?,?,?,?,?,?)";

    private final BenchStack stack;

    OutboxFill(BenchStack stack) {
        this.stack = stack;
    }

    /** Inserts every record for {@code topic} in one transaction; returns the instant right after the commit. */
    Instant insert(String topic, List<RelayRecord> records) throws SQLException {
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
            return Instant.now();
        }
    }

    /** Rows of {@code topic} still unsent. */
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

    /** The relay's acknowledgement time of the last row of {@code topic} (sent_at is set right after the broker acked). */
    Instant lastSent(Connection c, String topic) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT max(sent_at) FROM messaging.outbox_message WHERE topic = ?")) {
            q.setString(1, topic);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Rows acknowledged per second in 250 ms buckets after {@code from} (rows sent before it are left out). */
    List<Point> ackRate(Connection c, String topic, Instant from) throws SQLException {
        List<Point> points = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT floor(extract(epoch FROM sent_at - ?) * 4)::int AS b, "
                + "count(*) FROM messaging.outbox_message WHERE topic = ? AND sent_at >= ? GROUP BY b ORDER BY b")) {
            q.setTimestamp(1, Timestamp.from(from));
            q.setString(2, topic);
            q.setTimestamp(3, Timestamp.from(from));
            try (ResultSet rs = q.executeQuery()) {
                int expected = 0;
                while (rs.next()) {
                    int bucket = Math.max(0, rs.getInt(1));
                    for (; expected < bucket; expected++) {
                        points.add(new Point((expected + 1) / 4.0, 0));
                    }
                    points.add(new Point((bucket + 1) / 4.0, rs.getLong(2) * 4.0));
                    expected = bucket + 1;
                }
            }
        }
        return points;
    }
}
