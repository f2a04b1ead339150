package io.taskstream.e2e;

import io.taskstream.events.EventPayload;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.task.FieldChange;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.events.task.TaskUpdated;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Writes a stream of task events straight to {@code task-events}, as the API's outbox relay would:
 * {@code tasks} tasks spread over {@code users} users, each with versions 1..{@code versions},
 * interleaved round-robin so every poll holds many tasks.
 */
final class TaskEventStream {

    private final EventCodec codec = EventCodec.standalone();
    private final List<UUID> tasks;
    private final int users;
    private final int versions;

    TaskEventStream(int tasks, int users, int versions) {
        this.tasks = java.util.stream.IntStream.range(0, tasks).mapToObj(i -> UUID.randomUUID()).toList();
        this.users = users;
        this.versions = versions;
    }

    int size() {
        return tasks.size() * versions;
    }

    List<String> users() {
        return java.util.stream.IntStream.range(0, users).mapToObj(TaskEventStream::user).toList();
    }

    /** Versions {@code from}..{@code to} of every task, version by version, at about {@code perSecond}. */
    void produce(String bootstrapServers, int perSecond, int from, int to) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        long started = System.nanoTime();
        int sent = 0;
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int version = from; version <= to; version++) {
                for (int t = 0; t < tasks.size(); t++) {
                    UUID task = tasks.get(t);
                    producer.send(new ProducerRecord<>(Topics.TASK_EVENTS, task.toString(),
                            codec.encode(event(task, user(t % users), version))));
                    long due = started + TimeUnit.SECONDS.toNanos(++sent) / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            producer.flush();
        }
    }

    private static EventEnvelope<? extends EventPayload> event(UUID task, String user, long version) {
        Instant now = Instant.now();
        TaskSnapshot snapshot = new TaskSnapshot(task, user, "task v" + version, null, TaskStatus.OPEN,
                TaskPriority.NORMAL, List.of(), null, null, null, null, now, now, null, version);
        EventPayload payload = version == 1 ? new TaskCreated(snapshot)
                : new TaskUpdated(snapshot, List.of(new FieldChange("title", "task v" + (version - 1), "task v" + version)));
        return Envelopes.create("e2e-test", task.toString(), version, user, user, "e2e", null, now, payload);
    }

    private static String user(int i) {
        return "user-" + i;
    }
}
