package io.taskstream.api.task;

import io.micronaut.transaction.annotation.Transactional;
import io.taskstream.events.envelope.UuidV7;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskStatus;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Task use cases; each change and its events commit together or not at all. */
@Singleton
public class TaskService {

    private final TaskRepository tasks;
    private final TaskEventRecorder events;

    TaskService(TaskRepository tasks, TaskEventRecorder events) {
        this.tasks = tasks;
        this.events = events;
    }

    @Transactional
    public Task create(String userId, CreateTaskRequest request, String correlationId) {
        // PostgreSQL keeps microseconds; truncating here makes events and reads agree exactly.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Task task = tasks.save(new Task(UuidV7.generate(), userId, request.title().strip(), request.description(),
                TaskStatus.OPEN, request.priority() == null ? TaskPriority.NORMAL : request.priority(),
                request.tags() == null ? List.of() : request.tags(), request.dueAt(), null, null, null, null, null,
                now, now, null, 1));
        events.record(new TaskCreated(task.toSnapshot()), "created", correlationId, now);
        return task;
    }

    @Transactional(readOnly = true)
    public Optional<Task> find(String userId, UUID id) {
        return tasks.findByIdAndUserId(id, userId);
    }
}
