package io.taskstream.api.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.taskstream.events.task.Recurrence;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A task row. {@code version} counts changes and is the task's aggregate version. */
@MappedEntity("task")
public record Task(
        @Id UUID id,
        String userId,
        String title,
        @Nullable String description,
        TaskStatus status,
        TaskPriority priority,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> tags,
        @Nullable Instant dueAt,
        @Nullable Integer reminderOffsetMinutes,
        @Nullable String recurrenceRule,
        @Nullable String recurrenceTimezone,
        @Nullable String recurrenceMode,
        @Nullable UUID seriesId,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        long version) {

    public TaskSnapshot toSnapshot() {
        Recurrence recurrence = recurrenceRule == null ? null
                : new Recurrence(recurrenceRule, recurrenceTimezone, recurrenceMode);
        return new TaskSnapshot(id, userId, title, description, status, priority, tags, dueAt,
                reminderOffsetMinutes, recurrence, seriesId, createdAt, updatedAt, completedAt, version);
    }
}
