package io.taskstream.notification.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.taskstream.events.envelope.UuidV7;
import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.DeliveryStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.UUID;

/**
 * Stores a notification and one delivery row per channel. {@code in_app} is delivered by being
 * stored; every other channel starts {@code pending}, due now, for its sender. Runs inside the
 * consumer's transaction; a second notification for the same source event is never stored.
 */
@Singleton
class NotificationWriter {

    private static final String INSERT_NOTIFICATION = """
            INSERT INTO notifications (id, user_id, kind, title, message, task_id, channels, critical,
                                       source_event_id, source_event_type)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (source_event_id) DO NOTHING
            RETURNING id""";
    private static final String INSERT_DELIVERY = """
            INSERT INTO notification_deliveries (notification_id, channel, status, attempts, next_attempt_at, delivered_at)
            VALUES (?, ?, ?, ?, CASE WHEN ? THEN NULL ELSE clock_timestamp() END,
                    CASE WHEN ? THEN clock_timestamp() END)""";

    private final JdbcOperations jdbc;
    private final MeterRegistry meters;

    NotificationWriter(JdbcOperations jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** @return the new notification's id, or null if this source event was stored before */
    UUID store(NewNotification n) {
        UUID id = jdbc.prepareStatement(INSERT_NOTIFICATION, statement -> {
            statement.setObject(1, UuidV7.generate());
            statement.setString(2, n.userId());
            statement.setString(3, n.kind());
            statement.setString(4, n.title());
            statement.setString(5, n.message());
            statement.setObject(6, n.taskId());
            statement.setArray(7, statement.getConnection().createArrayOf("text",
                    n.channels().stream().map(Channel::wireName).toArray()));
            statement.setBoolean(8, n.critical());
            statement.setObject(9, n.sourceEventId());
            statement.setString(10, n.sourceEventType());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getObject(1, UUID.class) : null;
            }
        });
        if (id == null) {
            return null;
        }
        jdbc.prepareStatement(INSERT_DELIVERY, statement -> {
            for (Channel channel : n.channels()) {
                boolean inApp = channel == Channel.IN_APP;
                statement.setObject(1, id);
                statement.setString(2, channel.wireName());
                statement.setString(3, (inApp ? DeliveryStatus.DELIVERED : DeliveryStatus.PENDING).wireName());
                statement.setInt(4, inApp ? 1 : 0);
                statement.setBoolean(5, inApp);
                statement.setBoolean(6, inApp);
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        meters.counter("taskstream.notifications.stored", "kind", n.kind()).increment();
        return id;
    }
}
