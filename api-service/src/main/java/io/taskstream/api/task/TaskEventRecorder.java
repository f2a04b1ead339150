package io.taskstream.api.task;

import io.micronaut.context.annotation.Value;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskEvent;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.messaging.outbox.OutboxWriter;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * Writes what one task change means to the outside world into the outbox, inside the change's
 * transaction: the domain event on task-events (keyed by task, so each task's history stays in
 * order) and the board update on task-updates (keyed by user, so each user's feed stays in order).
 */
@Singleton
class TaskEventRecorder {

    static final String PRODUCER = "api-service";

    private final OutboxWriter outbox;
    private final String taskEventsTopic;
    private final String taskUpdatesTopic;

    TaskEventRecorder(OutboxWriter outbox,
                      @Value("${taskstream.topics.task-events}") String taskEventsTopic,
                      @Value("${taskstream.topics.task-updates}") String taskUpdatesTopic) {
        this.outbox = outbox;
        this.taskEventsTopic = taskEventsTopic;
        this.taskUpdatesTopic = taskUpdatesTopic;
    }

    /** {@code actor} is who made the change: the owner, or a service acting on the owner's behalf. */
    void record(TaskEvent event, String change, String actor, String correlationId, Instant at) {
        TaskSnapshot task = event.task();
        String taskId = task.id().toString();
        var domainEvent = Envelopes.create(PRODUCER, taskId, task.version(), task.userId(), actor, correlationId,
                null, at, event);
        var boardUpdate = Envelopes.create(PRODUCER, taskId, task.version(), task.userId(), actor, correlationId,
                domainEvent.eventId().toString(), at, new TaskBoardUpdate(change, task));
        // One multi-row INSERT: one round trip and one NOTIFY for both rows, the domain event first.
        outbox.appendAll(List.of(new OutboxWriter.Entry(taskEventsTopic, taskId, domainEvent),
                new OutboxWriter.Entry(taskUpdatesTopic, task.userId(), boardUpdate)));
    }
}
