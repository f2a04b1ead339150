package io.taskstream.api.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import io.taskstream.api.caller.Caller;
import io.taskstream.events.envelope.UuidV7;
import io.taskstream.events.task.Recurrence;
import io.taskstream.events.task.TaskCompleted;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskDeleted;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskReopened;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.events.task.TaskUpdated;
import io.taskstream.web.problem.Problem;
import io.taskstream.web.problem.ProblemException;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Task use cases. Each change locks its row, bumps the version by one and records its events in
 * the outbox, all in one transaction: a change and its events commit together or not at all.
 */
@Singleton
public class TaskService {

    private final TaskRepository tasks;
    private final TaskEventRecorder events;
    private final JsonMapper json;

    TaskService(TaskRepository tasks, TaskEventRecorder events, JsonMapper json) {
        this.tasks = tasks;
        this.events = events;
        this.json = json;
    }

    @Transactional
    public Task create(Caller caller, TaskInput input, String correlationId) {
        requireDueDateForRecurrence(input.recurrence(), input.dueAt());
        requireOwnSeries(caller, input.seriesId());
        Instant now = now();
        UUID id = UuidV7.generate();
        Recurrence r = input.recurrence();
        UUID series = input.seriesId() != null ? input.seriesId() : r != null ? id : null;
        Task task = tasks.save(new Task(id, caller.ownerId(), input.title(), input.description(), TaskStatus.OPEN,
                input.priority() == null ? TaskPriority.NORMAL : input.priority(),
                input.tags() == null ? List.of() : input.tags(), input.dueAt(), input.reminderOffsetMinutes(),
                r == null ? null : r.rrule(), r == null ? null : r.timezone(), r == null ? null : r.mode(), series,
                now, now, null, 1));
        events.record(new TaskCreated(task.toSnapshot()), "created", caller.actor(), correlationId, now);
        return task;
    }

    @Transactional(readOnly = true)
    public Optional<Task> find(String userId, UUID id) {
        return tasks.findByIdAndUserId(id, userId);
    }

    @Transactional
    public Task update(Caller caller, UUID id, TaskInput input, @Nullable IfMatch expected, String correlationId) {
        Task before = lock(caller.ownerId(), id, expected);
        Recurrence r = input.has("recurrence") ? input.recurrence() : before.toSnapshot().recurrence();
        Instant dueAt = input.has("due_at") ? input.dueAt() : before.dueAt();
        requireDueDateForRecurrence(r, dueAt);
        Instant now = now();
        Task after = new Task(id, before.userId(),
                input.has("title") ? input.title() : before.title(),
                input.has("description") ? input.description() : before.description(),
                before.status(),
                input.has("priority") ? input.priority() : before.priority(),
                input.has("tags") ? (input.tags() == null ? List.of() : input.tags()) : before.tags(),
                dueAt,
                input.has("reminder_offset_minutes") ? input.reminderOffsetMinutes() : before.reminderOffsetMinutes(),
                r == null ? null : r.rrule(), r == null ? null : r.timezone(), r == null ? null : r.mode(),
                before.seriesId() == null && r != null ? id : before.seriesId(),
                before.createdAt(), now, before.completedAt(), before.version() + 1);
        var changes = TaskChanges.between(before, after, json);
        if (changes.isEmpty()) {
            return before; // nothing changed: no new version, no event
        }
        tasks.update(after);
        events.record(new TaskUpdated(after.toSnapshot(), changes), "updated", caller.actor(), correlationId, now);
        return after;
    }

    @Transactional
    public Task complete(Caller caller, UUID id, @Nullable IfMatch expected, String correlationId) {
        return transition(caller, id, expected, TaskStatus.COMPLETED, correlationId);
    }

    @Transactional
    public Task reopen(Caller caller, UUID id, @Nullable IfMatch expected, String correlationId) {
        return transition(caller, id, expected, TaskStatus.OPEN, correlationId);
    }

    private Task transition(Caller caller, UUID id, @Nullable IfMatch expected, TaskStatus target,
                            String correlationId) {
        Task before = lock(caller.ownerId(), id, expected);
        if (before.status() == target) {
            throw new ProblemException(HttpStatus.CONFLICT, "task " + id + " is already " + target.wireName());
        }
        Instant now = now();
        boolean completing = target == TaskStatus.COMPLETED;
        Task after = withStatus(before, target, now, completing ? now : null);
        tasks.update(after);
        var snapshot = after.toSnapshot();
        events.record(completing ? new TaskCompleted(snapshot) : new TaskReopened(snapshot),
                completing ? "completed" : "reopened", caller.actor(), correlationId, now);
        return after;
    }

    @Transactional
    public void delete(Caller caller, UUID id, @Nullable IfMatch expected, String correlationId) {
        Task before = lock(caller.ownerId(), id, expected);
        Instant now = now();
        tasks.delete(before);
        // The deletion is the task's last change: it gets the next version like any other.
        Task last = withStatus(before, before.status(), now, before.completedAt());
        events.record(new TaskDeleted(last.toSnapshot()), "deleted", caller.actor(), correlationId, now);
    }

    private Task lock(String userId, UUID id, @Nullable IfMatch expected) {
        Task task = tasks.lockForUpdate(id, userId)
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "task " + id + " not found"));
        if (expected != null && !expected.matches(task.version())) {
            throw new ProblemException(HttpStatus.PRECONDITION_FAILED, expected.mismatch(id, task.version()));
        }
        return task;
    }

    private static Task withStatus(Task t, TaskStatus status, Instant now, @Nullable Instant completedAt) {
        return new Task(t.id(), t.userId(), t.title(), t.description(), status, t.priority(), t.tags(), t.dueAt(),
                t.reminderOffsetMinutes(), t.recurrenceRule(), t.recurrenceTimezone(), t.recurrenceMode(),
                t.seriesId(), t.createdAt(), now, completedAt, t.version() + 1);
    }

    /**
     * A user may join a task only to a series of their own tasks: recurring-service keys a series by its id, so
     * another user's id would let this task rewrite that user's rule. A service acting for the owner (the
     * next-occurrence call) may name any: the series' other tasks may all be deleted by then.
     */
    private void requireOwnSeries(Caller caller, UUID seriesId) {
        if (seriesId != null && caller.actor().equals(caller.ownerId())
                && !tasks.existsByUserIdAndSeriesId(caller.ownerId(), seriesId)) {
            throw ProblemException.invalidFields(HttpStatus.UNPROCESSABLE_ENTITY,
                    List.of(new Problem.FieldError("series_id", "must be the series_id of one of your tasks")));
        }
    }

    private static void requireDueDateForRecurrence(@Nullable Recurrence recurrence, @Nullable Instant dueAt) {
        if (recurrence != null && dueAt == null) {
            throw ProblemException.invalidFields(HttpStatus.UNPROCESSABLE_ENTITY, List.of(new Problem.FieldError(
                    "due_at", "a recurring task needs due_at: the first occurrence the rule counts from")));
        }
    }

    /** PostgreSQL keeps microseconds; truncating here makes events and reads agree exactly. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
