package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL unreachable (its link cut, open connections reset): reads and writes answer 503
 * problem+json with Retry-After, fast, and change nothing; once it is back the API recovers by
 * itself and nothing written before the outage is lost.
 */
@MicronautTest(transactional = false)
class DatabaseOutageTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("datasources.default.connection-timeout", "1000", "kafka.enabled", "false");
    }

    @Test
    void whilePostgresIsAwayRequestsGet503ProblemsAndAfterwardsEverythingIsThere() {
        TaskApiClient api = new TaskApiClient(server.getURL().toString(), tokenFor("olga"));
        String before = api.create("{\"title\":\"written before the outage\"}");

        databaseProxy().cut();
        try {
            for (String[] call : new String[][]{{"POST", "/tasks", "{\"title\":\"during the outage\"}"},
                    {"GET", "/tasks/" + before, ""}, {"GET", "/tasks", ""}, {"POST", "/tasks/" + before + "/complete", ""}}) {
                long started = System.nanoTime();
                HttpResponse<String> response = api.send(call[0], call[1], call[2], Map.of());
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(response.statusCode()).as(call[0] + " " + call[1] + ": " + response.body()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
                assertThat(response.body()).contains("\"status\":503", "database is unavailable", "\"instance\":\"" + call[1] + "\"");
                assertThat(millis).as("answered within the pool's connection timeout, not Hikari's default 30 s")
                        .isLessThan(10_000);
            }
        } finally {
            databaseProxy().restore();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(api.send("GET", "/tasks/" + before, "", Map.of()).statusCode()).as("recovered").isEqualTo(200));
        String after = api.create("{\"title\":\"written after the outage\"}");
        HttpResponse<String> list = api.send("GET", "/tasks", "", Map.of());
        assertThat(list.body()).contains(before, after).doesNotContain("during the outage");
        assertThat(api.send("POST", "/tasks/" + before + "/complete", "", Map.of()).statusCode()).isEqualTo(200);
    }
}
