package io.taskstream.notification.inbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Sets read/seen/archived marks on the caller's own notifications; a mark already set keeps its first time. */
@Singleton
class NotificationMarkRepository {

    private final JdbcOperations jdbc;

    NotificationMarkRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether the user has this notification (marked now or before) */
    @Transactional
    boolean mark(String userId, UUID id, MarkAction action) {
        return !ids("UPDATE notifications SET " + action.assignments() + " WHERE user_id = ? AND id = ? RETURNING id",
                userId, id).isEmpty();
    }

    /** Marks the user's notifications among {@code ids} in one transaction; one outcome per id, in order. */
    @Transactional
    BulkMarkResult markAll(String userId, List<UUID> ids, MarkAction action) {
        Set<UUID> owned = ids("SELECT id FROM notifications WHERE user_id = ? AND id = ANY(?) FOR UPDATE", userId, ids);
        Set<UUID> changed = ids("UPDATE notifications SET " + action.assignments() + " WHERE user_id = ? AND id = ANY(?) AND "
                + action.column() + " IS NULL RETURNING id", userId, ids);
        List<BulkMarkResult.Item> results = ids.stream().map(id -> new BulkMarkResult.Item(id,
                changed.contains(id) ? "marked" : owned.contains(id) ? "unchanged" : "not_found")).toList();
        return new BulkMarkResult(action.wireName(), results);
    }

    /** Runs a statement binding (user id, id or ids) and collects the returned ids. */
    private Set<UUID> ids(String sql, String userId, Object idOrIds) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, userId);
            if (idOrIds instanceof List<?> list) {
                Array array = statement.getConnection().createArrayOf("uuid", list.toArray());
                statement.setArray(2, array);
            } else {
                statement.setObject(2, idOrIds);
            }
            Set<UUID> found = new HashSet<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        });
    }
}
