package io.taskstream.bench.api;

import io.taskstream.bench.BenchStack;
import io.taskstream.bench.TaskEventSamples;
import io.taskstream.bench.load.ClosedLoop;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw limit for API writes: what api-service's database does per task creation, over plain
 * JDBC and nothing else. Copies of the real tables ({@code LIKE … INCLUDING ALL}: same columns,
 * defaults, constraints and indexes) in schema {@code bench_raw}, the outbox's NOTIFY trigger
 * included; per transaction one task row and its two outbox rows (task-events, task-updates) with
 * the same encoded events, then commit.
 */
public final class RawTaskWrites {

    private static final String[] DDL = {
            "DROP SCHEMA IF EXISTS bench_raw CASCADE",
            "CREATE SCHEMA bench_raw",
            "CREATE TABLE bench_raw.task (LIKE public.task INCLUDING ALL)",
            "CREATE TABLE bench_raw.outbox_message (LIKE messaging.outbox_message INCLUDING ALL)",
            // LIKE copies the default nextval() of the real table's sequence: give the copy its own.
            "CREATE SEQUENCE bench_raw.outbox_message_id_seq OWNED BY bench_raw.outbox_message.id",
            "ALTER TABLE bench_raw.outbox_message ALTER COLUMN id SET DEFAULT nextval('bench_raw.outbox_message_id_seq')",
            "CREATE FUNCTION bench_raw.outbox_message_notify() RETURNS trigger AS $$ BEGIN "
                    + "PERFORM pg_notify('bench_raw_outbox_message', ''); RETURN NULL; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER outbox_message_inserted AFTER INSERT ON bench_raw.outbox_message "
                    + "FOR EACH STATEMENT EXECUTE FUNCTION bench_raw.outbox_message_notify()"};
    private static final String INSERT_TASK = "INSERT INTO bench_raw.task (id, user_id, title, description, status, "
            + "priority, tags, due_at, reminder_offset_minutes, recurrence_rule, recurrence_timezone, recurrence_mode, "
            + "series_id, created_at, updated_at, completed_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_OUTBOX = "INSERT INTO bench_raw.outbox_message (event_id, topic, message_key, "
            + "event_type, payload, aggregate_id, aggregate_version, created_at, sent_at, trace_parent, trace_state) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?)";

    private final BenchStack stack;

    private RawTaskWrites(BenchStack stack) {
        this.stack = stack;
    }

    public static RawTaskWrites prepare(BenchStack stack) throws SQLException {
        try (Connection c = stack.connect("api-service"); Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl);
            }
        }
        return new RawTaskWrites(stack);
    }

    /** A worker with its own connection, writing as {@code bench-raw-<index mod 16>}. */
    public Writer worker(int index) throws SQLException {
        return new Writer(stack.connect("api-service"), "bench-raw-" + (index % 16));
    }

    /** One connection's writes: task + two outbox rows per transaction. */
    public static final class Writer implements ClosedLoop.Op, AutoCloseable {
        private final Connection connection;
        private final String user;
        private final PreparedStatement task;
        private final PreparedStatement outbox;

        Writer(Connection connection, String user) throws SQLException {
            this.connection = connection;
            this.user = user;
            connection.setAutoCommit(false);
            this.task = connection.prepareStatement(INSERT_TASK);
            this.outbox = connection.prepareStatement(INSERT_OUTBOX);
        }

        @Override
        public void call() throws SQLException {
            var c = TaskEventSamples.created(user);
            Timestamp now = Timestamp.from(c.task().createdAt());
            try {
                task.setObject(1, c.task().id());
                task.setString(2, user);
                task.setString(3, c.task().title());
                task.setNull(4, Types.VARCHAR);
                task.setString(5, c.task().status().name());
                task.setString(6, c.task().priority().name());
                task.setArray(7, connection.createArrayOf("text", c.task().tags().toArray()));
                task.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                task.setNull(9, Types.INTEGER);
                task.setNull(10, Types.VARCHAR);
                task.setNull(11, Types.VARCHAR);
                task.setNull(12, Types.VARCHAR);
                task.setNull(13, Types.OTHER);
                task.setTimestamp(14, now);
                task.setTimestamp(15, now);
                task.setNull(16, Types.TIMESTAMP_WITH_TIMEZONE);
                task.setLong(17, 1);
                task.executeUpdate();
                String taskId = c.task().id().toString();
                outboxRow(c.domain().eventId(), "task-events", taskId, c.domain().eventType(), c.domainJson(), taskId);
                outboxRow(c.board().eventId(), "task-updates", user, c.board().eventType(), c.boardJson(), taskId);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }

        private void outboxRow(UUID eventId, String topic, String key, String type, byte[] json, String taskId)
                throws SQLException {
            outbox.setObject(1, eventId);
            outbox.setString(2, topic);
            outbox.setString(3, key);
            outbox.setString(4, type);
            outbox.setString(5, new String(json, StandardCharsets.UTF_8));
            outbox.setString(6, taskId);
            outbox.setLong(7, 1);
            outbox.setTimestamp(8, Timestamp.from(Instant.now()));
            outbox.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
            // api-service stores the request's W3C traceparent with each row: same shape here.
            outbox.setString(10, String.format("00-%s-%016x-01", UUID.randomUUID().toString().replace("-", ""),
                    ThreadLocalRandom.current().nextLong()));
            outbox.setNull(11, Types.VARCHAR);
            outbox.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
