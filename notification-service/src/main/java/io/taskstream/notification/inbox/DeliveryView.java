package io.taskstream.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.UUID;

/**
 * One channel of a notification: {@code pending|sending|delivered|failed|deferred|skipped}, with its
 * attempts and last error. {@code digest_of}: the notification whose digest email carried this one
 * (null unless merged into a digest).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryView(String channel, String status, int attempts, @Nullable String lastError,
                           @Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt,
                           @Nullable UUID digestOf) {
}
