package io.taskstream.api.task;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.localstack.junit.ShutdownDuringRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM while a request is in flight (a rolling update, a scale-down): the service stops taking new
 * work but lets the request finish and answer before it closes its pool and its server.
 */
class GracefulShutdownTest extends RealInfrastructureTest {

    @Test
    void aRequestInFlightWhenShutdownBeginsStillGetsItsAnswer() throws Exception {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("kafka.enabled", "false");
        ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties, "test").getApplicationContext();
        String url = context.getBean(EmbeddedServer.class).getURL().toString();
        String id = new TaskApiClient(url, tokenFor("grace")).create("{\"title\":\"before the shutdown\"}");
        // The edit waits on the row lock: a request the service is in the middle of.
        HttpRequest edit = HttpRequest.newBuilder(URI.create(url + "/tasks/" + id))
                .header("Authorization", "Bearer " + tokenFor("grace")).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"during the shutdown\"}")).build();
        try (Connection lock = openDirectConnection()) {
            ShutdownDuringRequest.Outcome outcome = ShutdownDuringRequest.run(context, edit, lock,
                    "SELECT * FROM task WHERE id = '" + id + "' FOR UPDATE");

            assertThat(outcome.response().statusCode()).as(outcome.response().body()).isEqualTo(200);
            assertThat(outcome.response().body()).contains("during the shutdown");
        } finally {
            if (context.isRunning()) {
                context.stop();
            }
        }
    }
}
