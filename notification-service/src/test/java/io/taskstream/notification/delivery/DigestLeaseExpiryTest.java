package io.taskstream.notification.delivery;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A digest email whose sender stopped mid-send: once its lease expires, rows released for another attempt
 * no longer name that email as their carrier (the next claim gathers them anew, perhaps into another
 * email); rows failed as "outcome unknown" keep it, since that email may have reached the user.
 */
@MicronautTest(transactional = false)
class DigestLeaseExpiryTest extends RealInfrastructureTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @Inject
    DeliveryRepository repository;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.delivery.enabled", "false"); // this test is the only sender
    }

    @Test
    void rowsReleasedForAnotherAttemptForgetTheEmailThatCarriedThem() throws Exception {
        List<UUID> rows = claimedDigestWhoseSenderStopped("released-" + UUID.randomUUID());

        assertThat(repository.expireLeases(List.of(Channel.EMAIL), 5)).isEqualTo(rows.size());

        assertThat(states(rows)).containsOnly("pending/1/-");
    }

    @Test
    void rowsFailedAsOutcomeUnknownKeepTheEmailThatMayHaveCarriedThem() throws Exception {
        List<UUID> rows = claimedDigestWhoseSenderStopped("failed-" + UUID.randomUUID());

        assertThat(repository.expireLeases(List.of(), 5)).isEqualTo(rows.size());

        assertThat(states(rows)).containsOnly("failed/1/" + rows.get(0));
    }

    @Test
    void theCarryingRowAndTheRowsItGathersShareOneLease() throws Exception {
        List<UUID> rows;
        try (Connection c = openDirectConnection()) {
            rows = DueDigests.insert(c, "lease-" + UUID.randomUUID(), 3, 40);
        }
        repository.claim(List.of(Channel.EMAIL), LEASE).orElseThrow();

        // One instant: an expiry between two of them would release the carrying row alone, to be sent again
        // without the others, which would then go out as a second email.
        try (Connection c = openDirectConnection(); PreparedStatement leases = c.prepareStatement(
                "SELECT count(DISTINCT next_attempt_at) FROM notification_deliveries WHERE notification_id = ANY(?)")) {
            leases.setArray(1, c.createArrayOf("uuid", rows.toArray()));
            try (ResultSet rs = leases.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** Three due digest rows claimed into one email (the first row carries it), then the lease run out. */
    private List<UUID> claimedDigestWhoseSenderStopped(String user) throws SQLException {
        List<UUID> rows;
        try (Connection c = openDirectConnection()) {
            rows = DueDigests.insert(c, user, 3, 30);
        }
        DeliveryJob job = repository.claim(List.of(Channel.EMAIL), LEASE).orElseThrow();
        assertThat(job.notificationId()).isEqualTo(rows.get(0));
        assertThat(states(rows)).containsOnly("sending/1/" + rows.get(0));
        try (Connection c = openDirectConnection(); PreparedStatement expire = c.prepareStatement(
                "UPDATE notification_deliveries SET next_attempt_at = clock_timestamp() - interval '1 second'"
                        + " WHERE notification_id = ANY(?) AND channel = 'email'")) {
            expire.setArray(1, c.createArrayOf("uuid", rows.toArray()));
            assertThat(expire.executeUpdate()).isEqualTo(rows.size());
        }
        return rows;
    }

    private List<String> states(List<UUID> rows) throws SQLException {
        try (Connection c = openDirectConnection()) {
            return DueDigests.states(c, rows);
        }
    }
}
