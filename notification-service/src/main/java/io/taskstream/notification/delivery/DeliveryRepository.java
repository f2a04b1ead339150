package io.taskstream.notification.delivery;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery rows' state machine in SQL. A claim locks one due row with {@code SKIP LOCKED}
 * (replicas never claim the same row), counts the attempt and marks it {@code sending} with a lease,
 * all in one transaction; outcomes only apply to the row as claimed (status and attempt unchanged).
 * Whether a row is due is judged by the service {@link Clock}; leases use the database's clock. A lease ends at
 * the claiming transaction's start ({@code now()}) plus its length, the same instant for a digest email's
 * carrying row and the rows it gathers, so they expire together.
 */
@Singleton
class DeliveryRepository {

    private static final String CLAIM = """
            WITH due AS (
                SELECT notification_id, channel FROM notification_deliveries
                WHERE status IN ('pending', 'deferred') AND channel = ANY(?) AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT 1
                FOR UPDATE SKIP LOCKED)
            UPDATE notification_deliveries d
            SET status = 'sending', attempts = d.attempts + 1,
                next_attempt_at = now() + make_interval(secs => ?)
            FROM due JOIN notifications n ON n.id = due.notification_id
                     LEFT JOIN user_contact c ON c.user_id = n.user_id
            WHERE d.notification_id = due.notification_id AND d.channel = due.channel
            RETURNING d.notification_id, d.channel, d.attempts, n.user_id, n.title, n.message, n.task_id,
                      c.email, c.phone, d.digest""";
    private static final String OUTCOME = """
            UPDATE notification_deliveries
            SET status = ?, last_error = COALESCE(?, last_error),
                next_attempt_at = CASE WHEN ? THEN clock_timestamp() + make_interval(secs => ?) END,
                delivered_at = CASE WHEN ? THEN clock_timestamp() END
            WHERE notification_id = ? AND channel = ? AND status = 'sending' AND attempts = ?""";
    /**
     * A row released for another attempt forgets the digest email that carried it (the next claim gathers it
     * anew); a failed one keeps it, since that email may have reached the user.
     */
    private static final String EXPIRE = """
            WITH stale AS (
                SELECT notification_id, channel, channel = ANY(?) AND attempts < ? AS retry FROM notification_deliveries
                WHERE status = 'sending' AND next_attempt_at <= clock_timestamp()
                FOR UPDATE SKIP LOCKED)
            UPDATE notification_deliveries d
            SET status = CASE WHEN stale.retry THEN 'pending' ELSE 'failed' END,
                next_attempt_at = CASE WHEN stale.retry THEN clock_timestamp() END,
                digest_of = CASE WHEN stale.retry THEN NULL ELSE d.digest_of END,
                last_error = 'outcome unknown: the sender stopped during attempt ' || d.attempts || ' (lease expired)'
            FROM stale WHERE d.notification_id = stale.notification_id AND d.channel = stale.channel""";

    private final JdbcOperations jdbc;
    private final DigestRepository digests;
    private final Clock clock;

    DeliveryRepository(JdbcOperations jdbc, DigestRepository digests, Clock clock) {
        this.jdbc = jdbc;
        this.digests = digests;
        this.clock = clock;
    }

    /**
     * Claims the most overdue row (due by the service clock); a digest row brings the user's other due ones
     * along, or, if another sender is gathering that user's digest, the claim rolls back with
     * {@link DigestRepository.AssembledElsewhere}.
     */
    @Transactional
    Optional<DeliveryJob> claim(Collection<Channel> channels, Duration lease) {
        Instant now = clock.instant();
        return jdbc.prepareStatement(CLAIM, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", wireNames(channels)));
            statement.setObject(2, now.atOffset(ZoneOffset.UTC));
            statement.setDouble(3, lease.toMillis() / 1000.0);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                DeliveryJob job = new DeliveryJob(rs.getObject("notification_id", UUID.class),
                        Channel.fromWireName(rs.getString("channel")).orElseThrow(), rs.getInt("attempts"),
                        rs.getString("user_id"), rs.getString("title"), rs.getString("message"),
                        rs.getObject("task_id", UUID.class), rs.getString("email"), rs.getString("phone"));
                return Optional.of(rs.getBoolean("digest") ? digests.gather(job, now, lease) : job);
            }
        });
    }

    @Transactional
    boolean delivered(DeliveryJob job) {
        return outcome(job, DeliveryStatus.DELIVERED, null, null);
    }

    @Transactional
    boolean retryLater(DeliveryJob job, String error, Duration delay) {
        return outcome(job, DeliveryStatus.PENDING, error, delay);
    }

    @Transactional
    boolean failed(DeliveryJob job, String error) {
        return outcome(job, DeliveryStatus.FAILED, error, null);
    }

    /** Resolves rows whose sender stopped mid-send: retried if their channel allows it, else failed. */
    @Transactional
    int expireLeases(Collection<Channel> retryChannels, int maxAttempts) {
        return jdbc.prepareStatement(EXPIRE, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", wireNames(retryChannels)));
            statement.setInt(2, maxAttempts);
            return statement.executeUpdate();
        });
    }

    private boolean outcome(DeliveryJob job, DeliveryStatus status, String error, Duration delay) {
        boolean applied = jdbc.prepareStatement(OUTCOME, statement -> {
            statement.setString(1, status.wireName());
            statement.setString(2, error);
            statement.setBoolean(3, delay != null);
            statement.setDouble(4, delay == null ? 0 : delay.toMillis() / 1000.0);
            statement.setBoolean(5, status == DeliveryStatus.DELIVERED);
            statement.setObject(6, job.notificationId());
            statement.setString(7, job.channel().wireName());
            statement.setInt(8, job.attempt());
            return statement.executeUpdate() == 1;
        });
        if (applied && job.isDigest()) {
            digests.memberOutcome(job, status, error, delay);
        }
        return applied;
    }

    private static Object[] wireNames(Collection<Channel> channels) {
        return channels.stream().map(Channel::wireName).toArray();
    }
}
