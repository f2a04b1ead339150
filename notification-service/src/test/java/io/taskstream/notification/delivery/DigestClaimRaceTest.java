package io.taskstream.notification.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas claiming the same user's due digest rows at once send one digest, not two halves. The
 * other replica is played by a direct connection, stopped at the moment that matters.
 */
@MicronautTest(transactional = false)
class DigestClaimRaceTest extends RealInfrastructureTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private final ExecutorService replicaA = Executors.newSingleThreadExecutor();

    @Inject
    DeliveryRepository repository;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "false"); // this test is the only sender
    }

    @AfterAll
    void stop() {
        replicaA.shutdownNow();
    }

    @Test
    void aRowAnotherReplicaHoldsAsItBacksOffStillJoinsTheDigest() throws Exception {
        String user = "race-" + UUID.randomUUID();
        List<UUID> rows = dueDigestRows(user, 3, 30);
        try (Connection replicaB = openDirectConnection()) {
            replicaB.setAutoCommit(false);
            lockRow(replicaB, rows.get(1)); // B's claim has just picked the user's second row

            Future<Optional<DeliveryJob>> claim = replicaA.submit(() -> repository.claim(List.of(Channel.EMAIL), LEASE));
            await().atMost(Duration.ofSeconds(10)).until(this::aGatherWaitsForARow);
            assertThat(tryDigestLock(replicaB, user)).as("A is gathering: B's claim backs off").isFalse();
            replicaB.rollback();

            DeliveryJob job = claim.get(10, TimeUnit.SECONDS).orElseThrow();
            assertThat(job.digest()).extracting(DeliveryJob.DigestItem::notificationId)
                    .as("one digest with every due reminder").containsExactlyInAnyOrderElementsOf(rows);
        }
    }

    @Test
    void aClaimThatMeetsAnotherReplicasDigestLeavesTheRowAsItWas() throws Exception {
        String user = "busy-" + UUID.randomUUID();
        List<UUID> rows = dueDigestRows(user, 2, 20);
        try (Connection replicaA = openDirectConnection()) {
            replicaA.setAutoCommit(false);
            assertThat(tryDigestLock(replicaA, user)).isTrue(); // A is gathering this user's digest

            assertThatThrownBy(() -> repository.claim(List.of(Channel.EMAIL), LEASE))
                    .isInstanceOf(DigestRepository.AssembledElsewhere.class);
            replicaA.rollback();
        }
        assertThat(states(rows)).as("rolled back: still deferred, no attempt counted").containsOnly("deferred/0/-");
    }

    private List<UUID> dueDigestRows(String user, int count, int minutesOverdue) throws SQLException {
        try (Connection c = openDirectConnection()) {
            return DueDigests.insert(c, user, count, minutesOverdue);
        }
    }

    private static void lockRow(Connection c, UUID notificationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM notification_deliveries WHERE notification_id = ? AND channel = 'email' FOR UPDATE")) {
            s.setObject(1, notificationId);
            s.executeQuery().close();
        }
    }

    private static boolean tryDigestLock(Connection c, String user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtext('notification-digest-send'), hashtext(?))")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private boolean aGatherWaitsForARow() throws SQLException {
        try (Connection c = openDirectConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%WITH members AS%'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private List<String> states(List<UUID> ids) throws SQLException {
        try (Connection c = openDirectConnection()) {
            return DueDigests.states(c, ids);
        }
    }
}
