package io.taskstream.audit.integrity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Integrity checks computed by the database with the same hash function the writes use. */
@Singleton
class AuditIntegrityRepository {

    private final JdbcOperations jdbc;

    AuditIntegrityRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    ChainReport verify(String userId) {
        return jdbc.prepareStatement("""
                SELECT id, event_id, hash, prev_hash, lag(hash) OVER (ORDER BY id) AS expected_prev,
                       audit_entry_hash(prev_hash, event_id, event_type, schema_version, task_id, user_id,
                                        aggregate_version, occurred_at, producer, correlation_id, causation_id,
                                        payload, actor) AS recomputed
                FROM audit_log WHERE user_id = ? ORDER BY id""", statement -> {
            statement.setString(1, userId);
            // A cursor of 1000 rows at a time (inside this read-only transaction), not the whole chain in memory.
            statement.setFetchSize(1000);
            var rs = statement.executeQuery();
            long checked = 0;
            while (rs.next()) {
                checked++;
                String reason = null;
                if (!rs.getString("recomputed").equals(rs.getString("hash"))) {
                    reason = "content does not match its hash (the entry was altered)";
                } else if (!java.util.Objects.equals(rs.getString("prev_hash"), rs.getString("expected_prev"))) {
                    reason = "does not link to the previous entry (an entry was removed or inserted)";
                }
                if (reason != null) {
                    return new ChainReport(userId, checked, false,
                            new ChainReport.BrokenLink(rs.getLong("id"), rs.getObject("event_id", UUID.class), reason));
                }
            }
            return new ChainReport(userId, checked, true, null);
        });
    }

    /** @param userId only this user's tasks, or every user's when null */
    @Transactional(readOnly = true)
    GapReport gaps(@Nullable String userId) {
        return jdbc.prepareStatement("""
                SELECT t.task_id, t.user_id, array_agg(v ORDER BY v) AS missing
                FROM (SELECT task_id, min(user_id) AS user_id, max(aggregate_version) AS top FROM audit_log
                      WHERE (CAST(? AS text) IS NULL OR user_id = ?) GROUP BY task_id) t
                CROSS JOIN LATERAL generate_series(1, t.top) v
                WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.task_id = t.task_id AND a.aggregate_version = v)
                GROUP BY t.task_id, t.user_id ORDER BY t.task_id""", statement -> {
            statement.setString(1, userId);
            statement.setString(2, userId);
            var rs = statement.executeQuery();
            List<GapReport.TaskGap> gaps = new ArrayList<>();
            while (rs.next()) {
                Array missing = rs.getArray("missing");
                gaps.add(new GapReport.TaskGap(rs.getString("task_id"), rs.getString("user_id"),
                        Arrays.stream((Long[]) missing.getArray()).toList()));
            }
            return new GapReport(gaps);
        });
    }
}
