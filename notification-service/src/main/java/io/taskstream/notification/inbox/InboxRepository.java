package io.taskstream.notification.inbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.taskstream.messaging.jdbc.JdbcValues.bind;
import static io.taskstream.messaging.jdbc.JdbcValues.instant;
import static io.taskstream.messaging.jdbc.JdbcValues.utc;

/**
 * Reads of one user's notifications, newest first (keyset on created_at, id), with their delivery
 * rows. Every query is scoped to the caller's user id; the SQL text depends only on which filters are present.
 */
@Singleton
class InboxRepository {

    private static final String COLUMNS = """
            id, kind, title, message, task_id, channels, critical, created_at, read_at, seen_at, archived_at""";

    private final JdbcOperations jdbc;

    InboxRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} notifications of the query (fetch limit + 1 to know whether more follow). */
    @Transactional(readOnly = true)
    List<NotificationView> find(InboxQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM notifications WHERE user_id = ? AND ").append(query.status().predicate());
        List<Object> args = new ArrayList<>(List.of(query.userId()));
        if (!query.kinds().isEmpty()) {
            sql.append(" AND kind IN (").append("?, ".repeat(query.kinds().size() - 1)).append("?)");
            args.addAll(query.kinds());
        }
        if (query.after() != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(utc(query.after().createdAt()));
            args.add(query.after().id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return withDeliveries(select(sql.toString(), args));
    }

    @Transactional(readOnly = true)
    Optional<NotificationView> find(String userId, UUID id) {
        List<NotificationView> found = select("SELECT " + COLUMNS + " FROM notifications WHERE user_id = ? AND id = ?",
                List.of(userId, id));
        return withDeliveries(found).stream().findFirst();
    }

    @Transactional(readOnly = true)
    UnreadCount unreadCount(String userId) {
        return jdbc.prepareStatement("""
                SELECT count(*) AS unread, count(*) FILTER (WHERE seen_at IS NULL) AS unseen
                FROM notifications WHERE user_id = ? AND read_at IS NULL AND archived_at IS NULL""", statement -> {
            statement.setString(1, userId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new UnreadCount(rs.getLong("unread"), rs.getLong("unseen"));
            }
        });
    }

    private List<NotificationView> select(String sql, List<Object> args) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                List<NotificationView> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(rs));
                }
                return rows;
            }
        });
    }

    private List<NotificationView> withDeliveries(List<NotificationView> notifications) {
        if (notifications.isEmpty()) {
            return notifications;
        }
        Map<UUID, List<DeliveryView>> byId = new LinkedHashMap<>();
        notifications.forEach(n -> byId.put(n.id(), new ArrayList<>()));
        jdbc.prepareStatement("""
                SELECT notification_id, channel, status, attempts, last_error, next_attempt_at, delivered_at, digest_of
                FROM notification_deliveries WHERE notification_id = ANY(?)
                ORDER BY notification_id, array_position(ARRAY['in_app', 'email', 'sms'], channel)""", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", byId.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    byId.get(rs.getObject("notification_id", UUID.class)).add(new DeliveryView(rs.getString("channel"),
                            rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                            instant(rs, "next_attempt_at"), instant(rs, "delivered_at"),
                            rs.getObject("digest_of", UUID.class)));
                }
            }
            return null;
        });
        return notifications.stream().map(n -> n.withDeliveries(byId.get(n.id()))).toList();
    }

    private static NotificationView row(ResultSet rs) throws SQLException {
        UUID taskId = rs.getObject("task_id", UUID.class);
        String[] channels = (String[]) rs.getArray("channels").getArray();
        return new NotificationView(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"),
                rs.getString("message"), taskId, taskId == null ? null : "/tasks/" + taskId, Arrays.asList(channels),
                rs.getBoolean("critical"), instant(rs, "created_at"), instant(rs, "read_at"), instant(rs, "seen_at"),
                instant(rs, "archived_at"), List.of());
    }
}
