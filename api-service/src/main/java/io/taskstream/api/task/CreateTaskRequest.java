package io.taskstream.api.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.task.TaskPriority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** Body of {@code POST /tasks}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CreateTaskRequest(
        @NotBlank @Size(max = 200) String title,
        @Nullable @Size(max = 10_000) String description,
        @Nullable TaskPriority priority,
        @Nullable @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Nullable Instant dueAt) {
}
