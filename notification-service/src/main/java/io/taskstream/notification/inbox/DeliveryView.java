package io.taskstream.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** One channel of a notification: {@code pending|delivered|failed|deferred}, with its attempts and last error. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeliveryView(String channel, String status, int attempts, @Nullable String lastError,
                           @Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt) {
}
