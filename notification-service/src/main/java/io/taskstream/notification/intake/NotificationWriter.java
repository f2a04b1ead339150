package io.taskstream.notification.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.taskstream.events.envelope.UuidV7;
import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.DeliveryStatus;
import io.taskstream.notification.preference.PreferenceRepository;
import io.taskstream.notification.preference.StoredPreferences;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a notification and one delivery row per channel. {@code in_app} is delivered by being
 * stored; the other channels start as the user's preferences say ({@link DeliveryPlanner}). Runs
 * inside the consumer's transaction; a second notification for the same source event is never stored.
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
            INSERT INTO notification_deliveries (notification_id, channel, status, attempts, next_attempt_at, delivered_at, digest)
            VALUES (?, ?, ?, ?, ?, CASE WHEN ? THEN clock_timestamp() END, ?)""";
    // Reminders of one user may arrive on several partitions (keyed by task): one digest window at a time.
    private static final String LOCK_DIGEST = "SELECT pg_advisory_xact_lock(hashtext('notification-digest'), hashtext(?))";
    private static final String OPEN_DIGEST = """
            SELECT max(d.next_attempt_at) FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
            WHERE n.user_id = ? AND d.channel = 'email' AND d.digest AND d.status = 'deferred' AND d.next_attempt_at > ?""";

    private final JdbcOperations jdbc;
    private final MeterRegistry meters;
    private final PreferenceRepository preferences;
    private final Clock clock;

    NotificationWriter(JdbcOperations jdbc, MeterRegistry meters, PreferenceRepository preferences, Clock clock) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.preferences = preferences;
        this.clock = clock;
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
        StoredPreferences stored = preferences.find(n.userId());
        Instant now = clock.instant();
        List<PlannedDelivery> plan = DeliveryPlanner.plan(n, stored, now, () -> openDigestWindow(n.userId(), now));
        jdbc.prepareStatement(INSERT_DELIVERY, statement -> {
            for (PlannedDelivery row : plan) {
                boolean delivered = row.status() == DeliveryStatus.DELIVERED;
                statement.setObject(1, id);
                statement.setString(2, row.channel().wireName());
                statement.setString(3, row.status().wireName());
                statement.setInt(4, delivered ? 1 : 0);
                statement.setObject(5, row.nextAttemptAt() == null ? null : row.nextAttemptAt().atOffset(ZoneOffset.UTC));
                statement.setBoolean(6, delivered);
                statement.setBoolean(7, row.digest());
                statement.addBatch();
            }
            return statement.executeBatch();
        });
        meters.counter("taskstream.notifications.stored", "kind", n.kind()).increment();
        return id;
    }

    /** The end of the user's open digest window (deferred digest rows not yet due); takes the user's digest lock. */
    private Optional<Instant> openDigestWindow(String userId, Instant now) {
        jdbc.prepareStatement(LOCK_DIGEST, statement -> {
            statement.setString(1, userId);
            return statement.execute();
        });
        return jdbc.prepareStatement(OPEN_DIGEST, statement -> {
            statement.setString(1, userId);
            statement.setObject(2, now.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                OffsetDateTime end = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(end).map(OffsetDateTime::toInstant);
            }
        });
    }
}
