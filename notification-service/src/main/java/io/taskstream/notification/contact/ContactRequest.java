package io.taskstream.notification.contact;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code PUT /contacts/{userId}}: replaces all three (an omitted or null one is cleared). */
@Serdeable
public record ContactRequest(@Nullable String email, @Nullable String phone, @Nullable String timezone) {
}
