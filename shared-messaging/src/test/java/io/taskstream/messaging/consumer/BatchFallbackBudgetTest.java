package io.taskstream.messaging.consumer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poll full of failing records: the record-by-record fallback stops at its time budget (before the
 * group would evict the member) and the poll is retried, and a record dead-lettered before that is
 * not dead-lettered again.
 */
@MicronautTest(transactional = false)
class BatchFallbackBudgetTest extends RealInfrastructureTest {

    @Inject
    RecordingListener listener;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.recording-listener", "true", "taskstream.consumer.max-attempts", "2",
                "taskstream.consumer.initial-backoff", "100ms", "taskstream.consumer.batch-fallback-budget", "300ms");
    }

    @Test
    void eachFailingRecordIsDeadLetteredOnceAndTheGoodOnesAppliedOnce() {
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        String topic = topic(Topics.TASK_EVENTS);
        List<UUID> good = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID id = UUID.randomUUID();
            if (i % 3 == 0) {
                good.add(id);
            } else {
                listener.refused.add(id); // 20 records, each failing twice with a backoff between
            }
            kafka.send(topic, "task-" + (i % 2), TestEvents.created(id));
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> listener.applied().containsAll(good) && deadLetters().size() >= 20);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(20)).until(() -> deadLetters().size() == 20);

        assertThat(listener.applied()).containsExactlyInAnyOrderElementsOf(good);
        assertThat(deadLetters()).extracting(r -> r.headers().lastHeader(DeadLetterHeaders.EXCEPTION_CLASS))
                .allSatisfy(h -> assertThat(new String(h.value())).isEqualTo(java.io.IOException.class.getName()));
        assertThat(listener.pollsFailed.get()).as("the budget ran out, so polls were retried").isPositive();
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters() {
        return new KafkaTestClient(infrastructure.bootstrapServers()).readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                r -> true, 21, Duration.ofSeconds(2));
    }
}
