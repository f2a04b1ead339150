package io.taskstream.recurring.next;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.taskstream.events.task.Recurrence;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;

/** The {@code series} and {@code occurrence} tables. Callers run inside the consumer's transaction. */
@Singleton
class SeriesRepository {

    private final JdbcOperations jdbc;

    SeriesRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a series the first time it is seen, with {@code dtstart} as its start. When its rule,
     * zone or mode changed, the series starts again at {@code dtstart}.
     */
    SeriesRow remember(UUID seriesId, String userId, Recurrence recurrence, LocalDateTime dtstart) {
        SeriesRow written = jdbc.prepareStatement("""
                INSERT INTO series (series_id, user_id, rrule, timezone, mode, dtstart) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (series_id) DO UPDATE SET rrule = excluded.rrule, timezone = excluded.timezone,
                    mode = excluded.mode, dtstart = excluded.dtstart, updated_at = now()
                WHERE (series.rrule, series.timezone, series.mode)
                      IS DISTINCT FROM (excluded.rrule, excluded.timezone, excluded.mode)
                RETURNING rrule, timezone, mode, dtstart""", statement -> {
            statement.setObject(1, seriesId);
            statement.setString(2, userId);
            statement.setString(3, recurrence.rrule());
            statement.setString(4, recurrence.timezone());
            statement.setString(5, recurrence.mode());
            statement.setTimestamp(6, Timestamp.valueOf(dtstart));
            ResultSet rs = statement.executeQuery();
            return rs.next() ? row(rs) : null;
        });
        return written != null ? written : find(seriesId).orElseThrow();
    }

    Optional<SeriesRow> find(UUID seriesId) {
        return jdbc.prepareStatement("SELECT rrule, timezone, mode, dtstart FROM series WHERE series_id = ?", statement -> {
            statement.setObject(1, seriesId);
            ResultSet rs = statement.executeQuery();
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        });
    }

    /** The position of a task in its series: 1 for a task this service did not create. */
    int numberOf(UUID taskId) {
        return jdbc.prepareStatement("SELECT number FROM occurrence WHERE task_id = ?", statement -> {
            statement.setObject(1, taskId);
            ResultSet rs = statement.executeQuery();
            return rs.next() ? rs.getInt(1) : 1;
        });
    }

    /**
     * Claims the one successor of {@code predecessor}. False when it has one already (a redelivered completion,
     * or the task reopened and completed again), or when a row from before V4, which names no predecessor,
     * already holds that time in the series.
     */
    boolean claimOccurrence(UUID seriesId, UUID predecessor, java.time.Instant occursAt, int number, UUID sourceEventId) {
        return jdbc.prepareStatement("""
                INSERT INTO occurrence (series_id, predecessor_task_id, occurs_at, number, source_event_id)
                SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM occurrence
                    WHERE series_id = ? AND occurs_at = ? AND predecessor_task_id IS NULL)
                ON CONFLICT DO NOTHING""", statement -> {
            statement.setObject(1, seriesId);
            statement.setObject(2, predecessor);
            statement.setTimestamp(3, Timestamp.from(occursAt));
            statement.setInt(4, number);
            statement.setObject(5, sourceEventId);
            statement.setObject(6, seriesId);
            statement.setTimestamp(7, Timestamp.from(occursAt));
            return statement.executeUpdate() == 1;
        });
    }

    void recordTask(UUID predecessor, UUID taskId) {
        jdbc.prepareStatement("UPDATE occurrence SET task_id = ? WHERE predecessor_task_id = ?", statement -> {
            statement.setObject(1, taskId);
            statement.setObject(2, predecessor);
            return statement.executeUpdate();
        });
    }

    private static SeriesRow row(ResultSet rs) throws java.sql.SQLException {
        return new SeriesRow(rs.getString("rrule"), rs.getString("timezone"), rs.getString("mode"),
                rs.getTimestamp("dtstart").toLocalDateTime());
    }

    record SeriesRow(String rrule, String timezone, String mode, LocalDateTime dtstart) {
    }
}
