package io.taskstream.api.task;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM while a request is in flight (a rolling update, a scale-down): the service stops taking new
 * work but lets the request finish and answer before it closes its pool and its server.
 */
class GracefulShutdownTest extends RealInfrastructureTest {

    @Test
    void aRequestInFlightWhenShutdownBeginsStillGetsItsAnswer() throws Exception {
        Map<String, Object> properties = new java.util.HashMap<>(getProperties());
        properties.put("kafka.enabled", "false");
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties, "test").getApplicationContext();
        String url = context.getBean(EmbeddedServer.class).getURL().toString();
        TaskApiClient api = new TaskApiClient(url, tokenFor("grace"));
        String id = api.create("{\"title\":\"before the shutdown\"}");

        String jdbcUrl = (String) properties.get("datasources.default.url");
        try (Connection lock = DriverManager.getConnection(jdbcUrl, infrastructure.dbUser(), infrastructure.dbPassword())) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("SELECT * FROM task WHERE id = '" + id + "' FOR UPDATE");
            }
            // The edit waits on the row lock: a request the service is in the middle of.
            CompletableFuture<HttpResponse<String>> edit = CompletableFuture.supplyAsync(() ->
                    api.send("PATCH", "/tasks/" + id, "{\"title\":\"during the shutdown\"}", Map.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForLocks(lock) > 0);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::stop);
            Thread.sleep(1_000); // shutdown has begun (and, without a grace period, would be over by now)
            lock.commit();

            HttpResponse<String> answer = edit.get(30, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("during the shutdown");
            stopped.get(30, TimeUnit.SECONDS);
        } finally {
            if (context.isRunning()) {
                context.stop();
            }
        }
    }

    private static int waitingForLocks(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
