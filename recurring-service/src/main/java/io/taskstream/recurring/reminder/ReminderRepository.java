package io.taskstream.recurring.reminder;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code reminder} table. Callers run inside a transaction. */
@Singleton
class ReminderRepository {

    private final JdbcOperations jdbc;

    ReminderRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Schedules (or moves) a notice. One that was already sent for the same due time stays sent; a
     * new due time makes it pending again.
     */
    void schedule(UUID taskId, String kind, String userId, String title, Instant dueAt, Instant fireAt) {
        jdbc.prepareStatement("""
                INSERT INTO reminder (task_id, kind, user_id, title, due_at, fire_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (task_id, kind) DO UPDATE SET title = excluded.title, due_at = excluded.due_at,
                    fire_at = excluded.fire_at,
                    status = CASE WHEN reminder.status = 'sent' AND reminder.fire_at = excluded.fire_at
                                  THEN 'sent' ELSE 'pending' END,
                    sent_at = CASE WHEN reminder.status = 'sent' AND reminder.fire_at = excluded.fire_at
                                   THEN reminder.sent_at END""", statement -> {
            statement.setObject(1, taskId);
            statement.setString(2, kind);
            statement.setString(3, userId);
            statement.setString(4, title);
            statement.setTimestamp(5, Timestamp.from(dueAt));
            statement.setTimestamp(6, Timestamp.from(fireAt));
            return statement.executeUpdate();
        });
    }

    /**
     * Records {@code version} as the newest applied for the task; false (and nothing changes) when
     * this or a newer version was applied already.
     */
    boolean advance(UUID taskId, long version) {
        return jdbc.prepareStatement("""
                INSERT INTO reminder_task_version (task_id, version) VALUES (?, ?)
                ON CONFLICT (task_id) DO UPDATE SET version = excluded.version
                WHERE reminder_task_version.version < excluded.version""", statement -> {
            statement.setObject(1, taskId);
            statement.setLong(2, version);
            return statement.executeUpdate() == 1;
        });
    }

    /** Cancels the task's pending notices, or only those of {@code kind} when given. */
    void cancel(UUID taskId, @Nullable String kind) {
        jdbc.prepareStatement("UPDATE reminder SET status = 'cancelled' WHERE task_id = ? AND status = 'pending' "
                + "AND (CAST(? AS text) IS NULL OR kind = ?)", statement -> {
            statement.setObject(1, taskId);
            statement.setString(2, kind);
            statement.setString(3, kind);
            return statement.executeUpdate();
        });
    }

    /** Claims up to {@code limit} due notices; other replicas skip the locked rows. */
    List<DueReminder> claimDue(int limit) {
        return jdbc.prepareStatement("""
                SELECT task_id, kind, user_id, title, due_at, fire_at FROM reminder
                WHERE status = 'pending' AND fire_at <= now() ORDER BY fire_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                statement -> {
                    statement.setInt(1, limit);
                    ResultSet rs = statement.executeQuery();
                    List<DueReminder> due = new ArrayList<>();
                    while (rs.next()) {
                        due.add(new DueReminder(rs.getObject("task_id", UUID.class), rs.getString("kind"),
                                rs.getString("user_id"), rs.getString("title"), rs.getTimestamp("due_at").toInstant(),
                                rs.getTimestamp("fire_at").toInstant()));
                    }
                    return due;
                });
    }

    void markSent(UUID taskId, String kind) {
        jdbc.prepareStatement("UPDATE reminder SET status = 'sent', sent_at = now() WHERE task_id = ? AND kind = ?",
                statement -> {
                    statement.setObject(1, taskId);
                    statement.setString(2, kind);
                    return statement.executeUpdate();
                });
    }

    record DueReminder(UUID taskId, String kind, String userId, String title, Instant dueAt, Instant fireAt) {
    }
}
