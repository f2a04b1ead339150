package io.taskstream.notification.intake;

import io.micronaut.core.annotation.Nullable;
import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.DeliveryStatus;

import java.time.Instant;

/** The delivery row intake writes for one channel: its first status, when it is due, whether it waits for a digest. */
record PlannedDelivery(Channel channel, DeliveryStatus status, @Nullable Instant nextAttemptAt, boolean digest) {
}
