package io.taskstream.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Digest email rows written and read directly, as the delivery tests' other replica or observer. */
final class DueDigests {

    private DueDigests() {
    }

    /** {@code count} due digest emails for {@code user}, the first the most overdue. */
    static List<UUID> insert(Connection c, String user, int count, int minutesOverdue) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement notification = c.prepareStatement("INSERT INTO notifications (id, user_id, kind, title, message,"
                     + " channels, source_event_id, source_event_type) VALUES (?, ?, 'reminder', ?, 'due soon', ARRAY['email'], ?, 'reminder.due')");
             PreparedStatement delivery = c.prepareStatement("INSERT INTO notification_deliveries (notification_id, channel, status,"
                     + " next_attempt_at, digest) VALUES (?, 'email', 'deferred', now() - make_interval(mins => ?), true)")) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                notification.setObject(1, id);
                notification.setString(2, user);
                notification.setString(3, "Reminder " + i);
                notification.setObject(4, UUID.randomUUID());
                notification.executeUpdate();
                delivery.setObject(1, id);
                delivery.setInt(2, minutesOverdue - i);
                delivery.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    /** Each row's {@code <status>/<attempts>/<digest_of or ->}, in the order of {@code ids}. */
    static List<String> states(Connection c, List<UUID> ids) throws SQLException {
        List<String> states = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT status || '/' || attempts || '/' || COALESCE(digest_of::text, '-')"
                + " FROM notification_deliveries WHERE notification_id = ? AND channel = 'email'")) {
            for (UUID id : ids) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    states.add(rs.getString(1));
                }
            }
        }
        return states;
    }
}
