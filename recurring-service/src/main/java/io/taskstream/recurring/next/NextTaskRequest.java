package io.taskstream.recurring.next;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.task.Recurrence;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The body of {@code POST /tasks} for the next occurrence: the completed task's fields, a new due time. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record NextTaskRequest(String title, @Nullable String description, TaskPriority priority, List<String> tags,
                       Instant dueAt, @Nullable Integer reminderOffsetMinutes, Recurrence recurrence, UUID seriesId) {

    static NextTaskRequest after(TaskSnapshot done, Instant dueAt) {
        return new NextTaskRequest(done.title(), done.description(), done.priority(), done.tags(), dueAt,
                done.reminderOffsetMinutes(), done.recurrence(), done.seriesId());
    }
}
