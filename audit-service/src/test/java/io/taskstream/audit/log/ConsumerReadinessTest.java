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
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

    /** A partition stuck at another member of the group is shown, but leaves this replica ready. */
    @Test
    void aStallOnAPartitionAnotherReplicaHoldsLeavesThisOneReady() throws Exception {
        String topic = topic(Topics.TASK_EVENTS);
        Map<String, Object> producerConfig = Map.of("bootstrap.servers", infrastructure.bootstrapServers());
        try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            // Stalls are judged on committed offsets: give every partition one, whatever ran before.
            int partitions = producer.partitionsFor(topic).size();
            int before = audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID).size();
            for (int p = 0; p < partitions; p++) {
                producer.send(new ProducerRecord<>(topic, p, TASK_ID, freshEvent())).get();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> audit.findByTaskIdOrderByAggregateVersionAsc(TASK_ID).size() == before + partitions);
        }
        Map<String, Object> config = Map.of("bootstrap.servers", infrastructure.bootstrapServers(),
                "group.id", AuditListener.GROUP, "enable.auto.commit", "false", "auto.offset.reset", "latest");
        try (var other = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            other.subscribe(List.of(topic)); // a second "replica" that will take partitions and then stop
            // ignoreExceptions: during the rebalance micronaut-kafka answers "no assignment" by throwing.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                other.poll(Duration.ofMillis(200));
                return !other.assignment().isEmpty() && consumers.getConsumerIds().stream()
                        .flatMap(id -> consumers.getConsumerAssignment(id).stream())
                        .noneMatch(other.assignment()::contains);
            });
            TopicPartition stuck = other.assignment().iterator().next();
            try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(topic, stuck.partition(), TASK_ID, freshEvent())).get();
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> health().contains("\"stalled\":[\"" + stuck + " lag "));
            assertThat(health()).as("shown, but not this replica's").contains("\"stalledHere\":[]");
            assertThat(readiness()).isEqualTo(200);
        }
    }

    private String health() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health/readiness"))
                .header("Authorization", "Bearer " + tokenFor("ops")).build(), HttpResponse.BodyHandlers.ofString()).body();
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
