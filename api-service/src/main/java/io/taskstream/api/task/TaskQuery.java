package io.taskstream.api.task;

import io.micronaut.core.annotation.Nullable;
import io.taskstream.events.task.TaskStatus;

import java.time.Instant;

/** Filters, order and page of GET /tasks, already validated. */
record TaskQuery(
        @Nullable TaskStatus status,
        @Nullable String tag,
        @Nullable Instant dueBefore,
        @Nullable Instant dueAfter,
        @Nullable String text,
        TaskSort sort,
        int limit,
        @Nullable TaskCursor after) {
}
