package io.taskstream.notification.inbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/** One page of {@code GET /notifications}, newest first; pass {@code next_cursor} as {@code cursor} (null at the end). */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InboxPage(List<NotificationView> items, @Nullable String nextCursor) {
}
