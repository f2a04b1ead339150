package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.PgSessions;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL's host vanished mid-request (its connections go quiet: no reset, no answer), and new
 * connections reach a database again, as after a failover to a new primary. The request that was
 * waiting on the old connection answers 503 after the JDBC socket timeout instead of hanging until
 * TCP gives up, its transaction is rolled back, and the next request works.
 */
@MicronautTest(transactional = false)
class DatabaseFailoverTest extends RealInfrastructureTest {

    private static final String TITLE = "in flight when the primary vanished";

    @Inject
    EmbeddedServer server;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.data-source-properties.socketTimeout", "2",
                "datasources.default.connection-timeout", "1000", "datasources.default.validation-timeout", "250",
                "kafka.enabled", "false");
    }

    @Test
    void aRequestWaitingOnAVanishedDatabaseGets503AndTheNextOneWorks() throws Exception {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("vera"));
        String before = api.create("{\"title\":\"written before the failover\"}");

        try (Connection other = openDirectConnection(); Connection observer = openDirectConnection()) {
            other.setAutoCommit(false);
            // Holds back every insert into task, so the request below is mid-transaction when the link goes.
            PgSessions.execute(other, "LOCK TABLE task IN EXCLUSIVE MODE");
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() ->
                    api.send("POST", "/tasks", "{\"title\":\"" + TITLE + "\"}", Map.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> PgSessions.waitingOnLocks(observer) > 0);

            databaseProxy().silenceOpenConnections();
            other.commit();

            HttpResponse<String> response = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("database is unavailable");

            String after = api.create("{\"title\":\"written after the failover\"}");
            assertThat(api.send("GET", "/tasks", "", Map.of()).body()).contains(before, after);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tasksTitled(observer)).isZero());
        }
    }

    private static int tasksTitled(Connection observer) throws Exception {
        try (Statement statement = observer.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM task WHERE title = '" + TITLE + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
