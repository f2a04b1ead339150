package io.taskstream.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.task.Recurrence;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A task as the REST API shows it (kept apart from the event contract so each can evolve). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty list or a null field is sent, not left out
public record TaskView(
        UUID id,
        String title,
        @Nullable String description,
        TaskStatus status,
        TaskPriority priority,
        List<String> tags,
        @Nullable Instant dueAt,
        @Nullable Integer reminderOffsetMinutes,
        @Nullable Recurrence recurrence,
        @Nullable UUID seriesId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        long version) {

    static TaskView of(Task task) {
        var s = task.toSnapshot();
        return new TaskView(s.id(), s.title(), s.description(), s.status(), s.priority(), s.tags(), s.dueAt(),
                s.reminderOffsetMinutes(), s.recurrence(), s.seriesId(), s.createdAt(), s.updatedAt(),
                s.completedAt(), s.version());
    }
}
