package io.taskstream.notification.intake;

import io.micronaut.core.annotation.Nullable;
import io.taskstream.notification.delivery.Channel;

import java.util.List;
import java.util.UUID;

/** A validated notification about to be stored, with the event that asked for it. */
public record NewNotification(
        String userId,
        String kind,
        String title,
        String message,
        @Nullable UUID taskId,
        List<Channel> channels,
        boolean critical,
        UUID sourceEventId,
        String sourceEventType) {

    public NewNotification {
        channels = List.copyOf(channels);
    }
}
