package io.taskstream.messaging.jdbc;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.PgSessions;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL's host vanished (every open connection goes quiet): the first pooled connection that
 * gives up on its reply gets all the pool's others evicted with it, so none is left for a later
 * borrower to find dead.
 */
@MicronautTest(transactional = false)
class BrokenLinkEvictionTest extends RealInfrastructureTest {

    private static final long LOCK = 4242;

    @Inject
    DataSource dataSource;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        // No relay: its LISTEN connection never returns to the pool, so no eviction could close it.
        return Map.of("taskstream.outbox.relay.enabled", "false", "datasources.default.data-source-properties.socketTimeout", "2");
    }

    @Test
    void oneBrokenLinkEvictsEveryConnectionOfThePool() throws Exception {
        try (Connection other = openDirectConnection(); Connection observer = openDirectConnection();
             Connection pooled = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> poolSessions(observer).size() == 10);
            Set<Integer> before = poolSessions(observer);
            PgSessions.execute(other, "SELECT pg_advisory_lock(" + LOCK + ")");
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    PgSessions.execute(pooled, "SELECT pg_advisory_lock(" + LOCK + ")");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> PgSessions.waitingOnLocks(observer) == 1);

            databaseProxy().silenceOpenConnections();
            PgSessions.execute(other, "SELECT pg_advisory_unlock(" + LOCK + ")");

            assertThatThrownBy(() -> waiting.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .rootCause().isInstanceOf(java.net.SocketTimeoutException.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(poolSessions(observer)).as("sessions of the connections open before").doesNotContainAnyElementsOf(before));
        }
    }

    /** The pool's sessions: every session of this database but the test's own direct ones. */
    private static Set<Integer> poolSessions(Connection observer) throws SQLException {
        Set<Integer> pids = new HashSet<>();
        try (Statement statement = observer.createStatement(); ResultSet rs = statement.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND client_port IS NOT NULL "
                        + "AND application_name <> '" + DIRECT_APPLICATION_NAME + "'")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }
}
