package io.taskstream.bench;

import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.envelope.UuidV7;
import io.taskstream.events.task.TaskBoardUpdate;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The two events api-service writes for one task creation, built and encoded exactly as it does
 * (shared-events' envelope and codec): task.created on task-events keyed by task id, and the board
 * update on task-updates keyed by user id.
 */
public final class TaskEventSamples {

    public static final String TITLE = "bench task";
    public static final String BODY = "{\"title\":\"" + TITLE + "\",\"priority\":\"normal\",\"tags\":[\"bench\"]}";
    private static final EventCodec CODEC = EventCodec.standalone();

    private TaskEventSamples() {
    }

    public record Created(TaskSnapshot task, EventEnvelope<TaskCreated> domain, byte[] domainJson,
                          EventEnvelope<TaskBoardUpdate> board, byte[] boardJson) {
    }

    public static Created created(String userId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UuidV7.generate();
        TaskSnapshot task = new TaskSnapshot(id, userId, TITLE, null, TaskStatus.OPEN, TaskPriority.NORMAL,
                List.of("bench"), null, null, null, null, now, now, null, 1);
        String correlation = UUID.randomUUID().toString();
        var domain = Envelopes.create("api-service", id.toString(), 1, userId, userId, correlation, null, now,
                new TaskCreated(task));
        var board = Envelopes.create("api-service", id.toString(), 1, userId, userId, correlation,
                domain.eventId().toString(), now, new TaskBoardUpdate("created", task));
        return new Created(task, domain, CODEC.encode(domain), board, CODEC.encode(board));
    }
}
