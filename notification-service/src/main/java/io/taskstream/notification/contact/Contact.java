package io.taskstream.notification.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** Where a user is reached outside the app; every property is always present (null when unset). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Contact(String userId, @Nullable String email, @Nullable String phone, @Nullable String timezone,
                      Instant updatedAt) {
}
