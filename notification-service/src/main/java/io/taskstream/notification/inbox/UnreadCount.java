package io.taskstream.notification.inbox;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The badge: {@code unread} = not read and not archived; {@code unseen} = of those, not yet seen either.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record UnreadCount(long unread, long unseen) {
}
