package io.taskstream.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification as the inbox API serves it. {@code link} is the task's path in the task API
 * ({@code /tasks/<task_id>}) when the notification is about a task; every property is always present.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NotificationView(UUID id, String kind, String title, String message, @Nullable UUID taskId,
                               @Nullable String link, List<String> channels, boolean critical, Instant createdAt,
                               @Nullable Instant readAt, @Nullable Instant seenAt, @Nullable Instant archivedAt,
                               List<DeliveryView> deliveries) {

    NotificationView withDeliveries(List<DeliveryView> deliveries) {
        return new NotificationView(id, kind, title, message, taskId, link, channels, critical, createdAt, readAt,
                seenAt, archivedAt, List.copyOf(deliveries));
    }
}
