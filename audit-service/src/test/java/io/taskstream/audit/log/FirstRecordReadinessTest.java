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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer stuck before its first commit on a partition (a new group, or a new partition) is not
 * ready either: its lag counts from the partition's first offset. Own class, so its topics start
 * with no committed offsets.
 */
@MicronautTest(transactional = false)
class FirstRecordReadinessTest extends RealInfrastructureTest {

    private static final String TASK_ID = "0193a5b0-7c1e-7d2a-9a10-4b7f2c3d4e5f";

    @Inject
    EmbeddedServer server;
    @Inject
    ConsumerRegistry consumers;
    @Inject
    AuditRepository audit;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.health.stall-after", "2s",
                "taskstream.consumer.health.sample-every", "500ms");
    }

    @Test
    void aFirstRecordThatNeverGetsThroughMakesTheReplicaNotReady() throws Exception {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> consumers.getConsumerIds().stream()
                .anyMatch(id -> !consumers.getConsumerAssignment(id).isEmpty()));
        List<String> ids = List.copyOf(consumers.getConsumerIds());
        ids.forEach(consumers::pause);
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(consumers::isPaused));
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 200);

        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.TASK_EVENTS), TASK_ID,
                GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json());

        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 503);
        assertThat(readiness().body()).contains("committed offset 0 unchanged");
        ids.forEach(consumers::resume);
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness().statusCode() == 200);
        assertThat(audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID)).hasSize(1);
    }

    private HttpResponse<String> readiness() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health/readiness"))
                .header("Authorization", "Bearer " + tokenFor("ops")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
