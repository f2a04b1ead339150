package io.taskstream.notification.delivery;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Digest emails. When a due digest row is claimed, the same transaction claims the user's other
 * due digest rows as members of that email: {@code sending} with the same lease and {@code digest_of}
 * = the claimed row's notification. Their outcome follows the email's.
 * <p>
 * Two replicas can each claim one of a user's due rows at the same moment. Only one may gather: the
 * claim takes a per-user lock for its transaction, and the replica that misses it backs off
 * ({@link AssembledElsewhere}, its claim rolled back). The gather waits for rows another claim holds
 * instead of skipping them, since that claim is about to back off and release its row; otherwise each
 * replica would send part of the user's reminders, as two digests.
 */
@Singleton
class DigestRepository {

    private static final String GATHER = """
            WITH members AS (
                SELECT d.notification_id FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
                WHERE n.user_id = ? AND d.channel = 'email' AND d.digest AND d.status IN ('pending', 'deferred')
                  AND d.next_attempt_at <= ? AND d.notification_id <> ?
                FOR UPDATE OF d)
            , claimed AS (
                UPDATE notification_deliveries d
                SET status = 'sending', attempts = d.attempts + 1, digest_of = ?,
                    next_attempt_at = now() + make_interval(secs => ?)
                FROM members JOIN notifications n ON n.id = members.notification_id
                WHERE d.notification_id = members.notification_id AND d.channel = 'email'
                RETURNING n.id, n.title, n.message, n.task_id, n.created_at)
            SELECT * FROM claimed ORDER BY created_at, id""";
    private static final String MEMBER_OUTCOME = """
            UPDATE notification_deliveries
            SET status = ?, last_error = COALESCE(?, last_error),
                next_attempt_at = CASE WHEN ? THEN clock_timestamp() + make_interval(secs => ?) END,
                delivered_at = CASE WHEN ? THEN clock_timestamp() END,
                digest_of = CASE WHEN ? THEN NULL ELSE digest_of END
            WHERE digest_of = ? AND channel = 'email' AND (status = 'sending' OR notification_id = ?)""";

    /** Held while a claim gathers a user's digest; not intake's lock, which guards the open window. */
    private static final String LOCK_USER = "SELECT pg_try_advisory_xact_lock(hashtext('notification-digest-send'), hashtext(?)),"
            + " set_config('lock_timeout', '10s', true)";

    /** Another replica is gathering this user's digest right now; the claim that met it rolls back. */
    static final class AssembledElsewhere extends RuntimeException {
        AssembledElsewhere(String userId) {
            super("another sender is gathering the digest of " + userId, null, false, false);
        }
    }

    private final JdbcOperations jdbc;

    DigestRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the user's other due digest rows into {@code job}'s email; the job itself when there are none. */
    DeliveryJob gather(DeliveryJob job, Instant now, Duration lease) {
        boolean locked = jdbc.prepareStatement(LOCK_USER, statement -> {
            statement.setString(1, job.userId());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        });
        if (!locked) {
            throw new AssembledElsewhere(job.userId());
        }
        List<DeliveryJob.DigestItem> members = jdbc.prepareStatement(GATHER, statement -> {
            statement.setString(1, job.userId());
            statement.setObject(2, now.atOffset(ZoneOffset.UTC));
            statement.setObject(3, job.notificationId());
            statement.setObject(4, job.notificationId());
            statement.setDouble(5, lease.toMillis() / 1000.0);
            List<DeliveryJob.DigestItem> items = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    items.add(new DeliveryJob.DigestItem(rs.getObject("id", UUID.class), rs.getString("title"),
                            rs.getString("message"), rs.getObject("task_id", UUID.class)));
                }
            }
            return items;
        });
        if (members.isEmpty()) {
            return job;
        }
        jdbc.prepareStatement("UPDATE notification_deliveries SET digest_of = notification_id "
                + "WHERE notification_id = ? AND channel = 'email'", statement -> {
            statement.setObject(1, job.notificationId());
            return statement.executeUpdate();
        });
        List<DeliveryJob.DigestItem> items = new ArrayList<>();
        items.add(new DeliveryJob.DigestItem(job.notificationId(), job.title(), job.message(), job.taskId()));
        items.addAll(members);
        return job.withDigest(items);
    }

    /**
     * Gives the digest's other rows the email's outcome (the carrying row already has it). A retry
     * releases them ({@code pending}, {@code digest_of} cleared) to be merged again on the next claim.
     */
    void memberOutcome(DeliveryJob job, DeliveryStatus status, String error, Duration delay) {
        boolean retry = delay != null;
        jdbc.prepareStatement(MEMBER_OUTCOME, statement -> {
            statement.setString(1, status.wireName());
            statement.setString(2, error);
            statement.setBoolean(3, retry);
            statement.setDouble(4, retry ? delay.toMillis() / 1000.0 : 0);
            statement.setBoolean(5, status == DeliveryStatus.DELIVERED);
            statement.setBoolean(6, retry);
            statement.setObject(7, job.notificationId());
            statement.setObject(8, job.notificationId());
            return statement.executeUpdate();
        });
    }
}
