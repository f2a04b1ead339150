package io.taskstream.api.task;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The filtered, keyset-paginated task list (dynamic SQL, every value a bind parameter). */
@Singleton
class TaskListRepository {

    private final JdbcOperations jdbc;

    TaskListRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code query.limit() + 1} rows: the extra row tells whether there is a next page. */
    @Transactional(readOnly = true)
    List<Task> find(String userId, TaskQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM task WHERE user_id = ?");
        List<Object> args = new ArrayList<>(List.of(userId));
        if (query.status() != null) {
            sql.append(" AND status = ?");
            args.add(query.status().name());
        }
        if (query.tag() != null) {
            sql.append(" AND tags @> ARRAY[?]::text[]");
            args.add(query.tag());
        }
        if (query.dueBefore() != null) {
            sql.append(" AND due_at < ?");
            args.add(java.sql.Timestamp.from(query.dueBefore()));
        }
        if (query.dueAfter() != null) {
            sql.append(" AND due_at >= ?");
            args.add(java.sql.Timestamp.from(query.dueAfter()));
        }
        if (query.text() != null) {
            sql.append(" AND (title ILIKE ? ESCAPE '\\' OR description ILIKE ? ESCAPE '\\')");
            String pattern = "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        TaskSort sort = query.sort();
        String direction = sort.descending ? "DESC" : "ASC";
        if (query.after() != null) {
            sql.append(" AND (").append(sort.expression).append(", id) ").append(sort.descending ? "<" : ">")
                    .append(" (?::timestamptz, ?::uuid)");
            args.add(query.after().key());
            args.add(query.after().id().toString());
        }
        sql.append(" ORDER BY ").append(sort.expression).append(' ').append(direction)
                .append(", id ").append(direction).append(" LIMIT ").append(query.limit() + 1);
        return jdbc.prepareStatement(sql.toString(), statement -> {
            bind(statement, args);
            return jdbc.entityStream(statement.executeQuery(), Task.class).toList();
        });
    }

    private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setObject(i + 1, args.get(i));
        }
    }
}
