package io.taskstream.messaging.consumer;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener whose thread dies (an Error escapes it, and micronaut-kafka's poll loop ends without
 * a word) turns readiness DOWN, and the service still shuts down instead of hanging.
 */
@MicronautTest(transactional = false)
class ListenerDeathTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;
    @Inject
    RecordingListener listener;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.recording-listener", "true", "endpoints.health.details-visible", "ANONYMOUS");
    }

    @Test
    void readinessGoesDownWhenTheListenerThreadDies() throws Exception {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        UUID first = UUID.randomUUID();
        kafka.send(topic(Topics.TASK_EVENTS), "task-1", TestEvents.created(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.applied().contains(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 200);

        kafka.send(topic(Topics.TASK_EVENTS), RecordingListener.DIE, TestEvents.created(UUID.randomUUID()));

        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 503);
        assertThat(readiness().body()).contains("listener thread died");
    }

    private HttpResponse<String> readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health/readiness"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
