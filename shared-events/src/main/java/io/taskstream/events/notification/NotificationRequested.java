package io.taskstream.events.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.events.EventPayload;

import java.util.List;
import java.util.UUID;

/**
 * Payload on {@code notification.request}: something a user must be told.
 *
 * @param kind     notification type, e.g. {@code overdue}, {@code next_occurrence}
 * @param channels requested channels ({@code in_app}, {@code email}, {@code sms}); empty = user preferences
 * @param critical critical notifications ignore quiet hours
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationRequested(
        String userId,
        String kind,
        String title,
        String message,
        @Nullable UUID taskId,
        List<String> channels,
        boolean critical) implements EventPayload {

    public NotificationRequested {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
