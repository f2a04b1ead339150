package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The full state of a task after a change; every task event carries one. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskSnapshot(
        UUID id,
        String userId,
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

    public TaskSnapshot {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
