package io.taskstream.audit.query;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.taskstream.messaging.jdbc.JdbcValues.bind;
import static io.taskstream.messaging.jdbc.JdbcValues.instant;
import static io.taskstream.messaging.jdbc.JdbcValues.utc;

/**
 * Filtered, keyset-paginated reads of {@code audit_log} in id (insertion) order. The SQL text depends
 * only on which filters are present; every value is a bind parameter.
 */
@Singleton
class AuditQueryRepository {

    private static final String COLUMNS = """
            id, event_id, event_type, schema_version, task_id, user_id, actor, aggregate_version, occurred_at,
            recorded_at, producer, correlation_id, causation_id, payload::text AS payload, hash, prev_hash""";

    private final JdbcOperations jdbc;

    AuditQueryRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} entries matching {@code filter} with an id above {@code afterId}, by id. */
    @Transactional(readOnly = true)
    List<AuditRow> find(AuditFilter filter, long afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_log WHERE id > ?");
        List<Object> args = new ArrayList<>(List.of(afterId));
        if (filter.taskId() != null) {
            sql.append(" AND task_id = ?");
            args.add(filter.taskId());
        }
        if (filter.userId() != null) {
            sql.append(" AND user_id = ?");
            args.add(filter.userId());
        }
        if (!filter.types().isEmpty()) {
            sql.append(" AND event_type IN (").append("?, ".repeat(filter.types().size() - 1)).append("?)");
            args.addAll(filter.types());
        }
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(utc(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(utc(filter.to()));
        }
        sql.append(" ORDER BY id LIMIT ?");
        args.add(limit);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                List<AuditRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(rs));
                }
                return rows;
            }
        });
    }

    private static AuditRow row(ResultSet rs) throws SQLException {
        return new AuditRow(rs.getLong("id"), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
                rs.getInt("schema_version"), rs.getString("task_id"), rs.getString("user_id"), rs.getString("actor"),
                rs.getLong("aggregate_version"), instant(rs, "occurred_at"), instant(rs, "recorded_at"),
                rs.getString("producer"), rs.getString("correlation_id"), rs.getString("causation_id"),
                rs.getString("payload"), rs.getString("hash"), rs.getString("prev_hash"));
    }
}
