package io.taskstream.messaging.outbox;

import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Test data for the outbox ("Mother"): one event per (task, version), and the order Kafka kept. */
public final class OutboxEvents {

    private OutboxEvents() {
    }

    public static EventEnvelope<TaskCreated> event(UUID task, long version) {
        Instant now = Instant.now();
        TaskSnapshot snapshot = new TaskSnapshot(task, "alice", "task " + version, null, TaskStatus.OPEN,
                TaskPriority.NORMAL, List.of(), null, null, null, null, now, now, null, version);
        return Envelopes.create("test", task.toString(), version, "alice", "alice", null, null, now, new TaskCreated(snapshot));
    }

    /** Aggregate versions per record key, in the order the topic holds them. */
    static Map<String, List<Long>> versionsByKey(List<ConsumerRecord<String, byte[]>> records,
                                                 io.taskstream.events.codec.EventCodec codec) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> codec.decode(r.value()).aggregateVersion(), Collectors.toList())));
    }
}
