package io.taskstream.audit.log;

import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness follows the consumer: a consumer that stops making progress while lag grows is DOWN. */
@MicronautTest(transactional = false)
class ConsumerReadinessTest extends RealInfrastructureTest {

    private static final String TASK_ID = "0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f";

    @Inject
    EmbeddedServer server;
    @Inject
    ConsumerRegistry consumers;
    @Inject
    AuditRepository audit;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.health.stall-after", "2s",
                "taskstream.consumer.health.sample-every", "500ms");
    }

    @Test
    void readinessGoesDownWhileTheConsumerIsStuckAndUpWhenItMovesAgain() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, freshEvent());
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);

        List<String> assigned = consumers.getConsumerIds().stream()
                .filter(id -> !consumers.getConsumerAssignment(id).isEmpty()).toList();
        assigned.forEach(consumers::pause);
        // A pause takes effect at the consumer's next poll; what arrives before that is still consumed.
        await().atMost(Duration.ofSeconds(10)).until(() -> assigned.stream().allMatch(consumers::isPaused));
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, freshEvent());
        kafka.send(topic(Topics.TASK_EVENTS), TASK_ID, freshEvent());

        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
        assertThat(meters.find("taskstream.consumer.lag").tag("topic", topic(Topics.TASK_EVENTS)).gauges())
                .as("lag is exported per partition").extracting(g -> g.value()).anySatisfy(lag -> assertThat(lag).isPositive());
        assertThat(audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID)).as("paused: not all consumed").hasSizeLessThan(3);

        assigned.forEach(consumers::resume);
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
        assertThat(audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID)).hasSize(3);
    }

    private int readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health/readiness"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static byte[] freshEvent() {
        String json = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8);
        return json.replace("0193a5b0-8000-7000-8000-000000000001", UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
    }
}
