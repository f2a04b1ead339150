package io.taskstream.api.task;

import io.micronaut.core.annotation.Nullable;
import io.taskstream.events.task.Recurrence;
import io.taskstream.events.task.TaskPriority;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A validated create or patch body. {@code present} holds the JSON names the client sent, so a
 * patch can tell "set to null" from "leave alone" (JSON merge-patch semantics).
 */
public record TaskInput(
        Set<String> present,
        @Nullable String title,
        @Nullable String description,
        @Nullable TaskPriority priority,
        @Nullable List<String> tags,
        @Nullable Instant dueAt,
        @Nullable Integer reminderOffsetMinutes,
        @Nullable Recurrence recurrence,
        @Nullable UUID seriesId) {

    public boolean has(String field) {
        return present.contains(field);
    }
}
