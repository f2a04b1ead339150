package io.taskstream.events.reminder;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.EventPayload;

import java.time.Instant;
import java.util.UUID;

/** Payload on {@code reminders}: a task's reminder time has come. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderDue(
        UUID taskId,
        String userId,
        String title,
        @Nullable Instant dueAt,
        Instant remindAt) implements EventPayload {
}
