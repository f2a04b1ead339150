package io.taskstream.notification.inbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Body of {@code POST /notifications/bulk}: {@code {"ids": [...], "action": "read|seen|archive"}}; checked by {@link InboxRequests}. */
@Serdeable
public record BulkMarkRequest(@Nullable List<String> ids, @Nullable String action) {
}
