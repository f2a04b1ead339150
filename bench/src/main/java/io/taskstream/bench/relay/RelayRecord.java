package io.taskstream.bench.relay;

import io.taskstream.bench.TaskEventSamples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One record as api-service's outbox holds it: the events of task creations, both topics' shapes. */
record RelayRecord(UUID eventId, String key, String eventType, String payload, String aggregateId, long aggregateVersion) {

    /** {@code count} records (rounded up to even): per created task its task-events and its task-updates record. */
    static List<RelayRecord> ofCreations(int count, int users) {
        List<RelayRecord> records = new ArrayList<>(count + 1);
        for (int i = 0; records.size() < count; i++) {
            String user = "bench-relay-" + (i % users);
            var c = TaskEventSamples.created(user);
            String taskId = c.task().id().toString();
            records.add(new RelayRecord(c.domain().eventId(), taskId, c.domain().eventType(),
                    new String(c.domainJson(), StandardCharsets.UTF_8), taskId, 1));
            records.add(new RelayRecord(c.board().eventId(), user, c.board().eventType(),
                    new String(c.boardJson(), StandardCharsets.UTF_8), taskId, 1));
        }
        return records;
    }
}
