package io.taskstream.notification.delivery;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.UUID;

/**
 * One claimed delivery row with what its sender needs: the notification's text and the user's
 * contact (null when the user has none). {@code attempt} counts this attempt (1 for the first).
 * {@code digest} is empty for a single notification; for a merged digest email it lists every
 * merged notification (this row's first, then oldest first).
 */
public record DeliveryJob(UUID notificationId, Channel channel, int attempt, String userId, String title,
                          String message, @Nullable UUID taskId, @Nullable String email, @Nullable String phone,
                          List<DigestItem> digest) {

    public DeliveryJob {
        digest = List.copyOf(digest);
    }

    public DeliveryJob(UUID notificationId, Channel channel, int attempt, String userId, String title, String message,
                       @Nullable UUID taskId, @Nullable String email, @Nullable String phone) {
        this(notificationId, channel, attempt, userId, title, message, taskId, email, phone, List.of());
    }

    public DeliveryJob withDigest(List<DigestItem> items) {
        return new DeliveryJob(notificationId, channel, attempt, userId, title, message, taskId, email, phone, items);
    }

    public boolean isDigest() {
        return !digest.isEmpty();
    }

    /** One notification merged into a digest email. */
    public record DigestItem(UUID notificationId, String title, String message, @Nullable UUID taskId) {
    }
}
