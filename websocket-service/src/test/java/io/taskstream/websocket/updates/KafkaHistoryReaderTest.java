package io.taskstream.websocket.updates;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading missed updates back from the broker: when retention has deleted what a reconnecting
 * browser missed, the reader must say so (the socket then sends a resync), never hand back part of it.
 */
@MicronautTest(transactional = false)
class KafkaHistoryReaderTest extends RealInfrastructureTest {

    private static final EventCodec CODEC = EventCodec.standalone();

    @Inject
    KafkaHistoryReader reader;

    @Test
    void recordsDeletedAfterTheStartCheckMakeTheReadExpiredNotPartial() throws Exception {
        String user = "rhea-" + UUID.randomUUID();
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        for (int i = 0; i < 5; i++) {
            kafka.send(topic(Topics.TASK_UPDATES), user, update(user, "t" + i));
        }
        List<ConsumerRecord<String, byte[]>> sent = kafka.readFromStart(topic(Topics.TASK_UPDATES),
                r -> user.equals(r.key()), 5, Duration.ofSeconds(30));
        assertThat(sent).hasSize(5);
        TopicPartition tp = new TopicPartition(topic(Topics.TASK_UPDATES), sent.get(0).partition());
        long first = sent.get(0).offset();
        long end = sent.get(4).offset() + 1;

        assertThat(reader.read(tp.partition(), first - 1, end, user)).get().asList().hasSize(5);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infrastructure.bootstrapServers()))) {
            admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(sent.get(2).offset()))).all().get();
        }
        assertThat(reader.read(tp.partition(), first - 1, end, user)).as("caught by the start check").isEmpty();
        // Retention striking between that check and the fetch: the fetch itself finds the records gone.
        try (var consumer = reader.consumer()) {
            consumer.assign(List.of(tp));
            assertThat(reader.readFrom(consumer, tp, first - 1, end, user)).as("deleted under the read").isEmpty();
        }
        assertThat(reader.read(tp.partition(), sent.get(2).offset() - 1, end, user)).get().asList()
                .extracting(u -> ((BoardUpdate) u).offset()).containsExactly(sent.get(2).offset(), sent.get(3).offset(), end - 1);
    }

    /** Two refills at once with refill-concurrency 1: the second waits, then fails after the refill timeout (2 s). */
    @Test
    void refillsBeyondTheConcurrencyLimitWaitAndThenGiveUp() throws Exception {
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = pool.submit(() -> reader.withPermit(() -> {
                holding.countDown();
                return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            }));
            assertThat(holding.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> reader.withPermit(() -> "second")))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class).hasMessageContaining("no refill slot");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the slot first")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1900));

            release.countDown();
            assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(reader.withPermit(() -> "third")).as("the slot is free again").isEqualTo("third");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.websocket.refill-concurrency", "1", "taskstream.websocket.refill-timeout", "2s");
    }

    private static byte[] update(String user, String title) {
        Instant now = Instant.now();
        UUID task = UUID.randomUUID();
        TaskSnapshot snapshot = new TaskSnapshot(task, user, title, null, TaskStatus.OPEN, TaskPriority.NORMAL, List.of(),
                null, null, null, null, now, now, null, 1);
        return CODEC.encode(Envelopes.create("api-service", task.toString(), 1, user, user, null, null, now,
                new TaskBoardUpdate("created", snapshot)));
    }
}
