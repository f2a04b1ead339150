package io.taskstream.notification.delivery;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * One claimed delivery row with what its sender needs: the notification's text and the user's
 * contact (null when the user has none). {@code attempt} counts this attempt (1 for the first).
 */
public record DeliveryJob(UUID notificationId, Channel channel, int attempt, String userId, String title,
                          String message, @Nullable UUID taskId, @Nullable String email, @Nullable String phone) {
}
