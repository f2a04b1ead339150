package io.taskstream.messaging.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The batch path on the real broker: each event applied once, bad ones dead-lettered alone, and counted. */
@MicronautTest(transactional = false)
class BatchConsumerTest extends RealInfrastructureTest {

    @Inject
    RecordingListener listener;
    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.recording-listener", "true", "taskstream.consumer.max-attempts", "2",
                "taskstream.consumer.initial-backoff", "10ms");
    }

    @Test
    void appliesEachEventOnceAndDeadLettersOnlyTheBadOnes() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        String topic = topic(Topics.TASK_EVENTS);
        List<UUID> good = new ArrayList<>();
        UUID rejected = UUID.randomUUID();
        listener.rejected.add(rejected);
        UUID refused = UUID.randomUUID();
        listener.refused.add(refused);
        for (int i = 0; i < 30; i++) {
            UUID id = UUID.randomUUID();
            good.add(id);
            kafka.send(topic, "task-" + (i % 4), TestEvents.created(id));
            if (i % 10 == 0) {
                kafka.send(topic, "task-" + (i % 4), TestEvents.created(id)); // redelivered
            }
        }
        kafka.send(topic, "task-1", "not json at all".getBytes(StandardCharsets.UTF_8));
        kafka.send(topic, "task-2", TestEvents.created(rejected));
        kafka.send(topic, "task-3", TestEvents.created(refused));

        await().atMost(Duration.ofSeconds(60)).until(() -> listener.applied().size() >= good.size());
        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic), 3, Duration.ofSeconds(30));

        assertThat(listener.applied()).containsExactlyInAnyOrderElementsOf(good);
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.EXCEPTION_CLASS)).containsExactlyInAnyOrder(
                "io.taskstream.events.codec.EventDecodingException", NonRetryableException.class.getName(),
                java.io.IOException.class.getName());
        assertThat(dead).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.CONSUMER_GROUP))
                .isEqualTo(RecordingListener.GROUP));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count(topic, "consumed")).isEqualTo(36);
            assertThat(count(topic, "succeeded")).isEqualTo(30);
            assertThat(count(topic, "duplicate")).isEqualTo(3);
            assertThat(count(topic, "dead_lettered")).isEqualTo(3);
        });
        assertThat(meters.get(ConsumerMetrics.PROCESSING).tag("topic", topic).timer().count()).isEqualTo(30);
    }

    private double count(String topic, String outcome) {
        var counter = meters.find(ConsumerMetrics.RECORDS).tag("topic", topic).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
