package io.taskstream.notification.inbox;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/** A validated page request of one user's notifications. */
record InboxQuery(String userId, InboxStatus status, List<String> kinds, int limit, @Nullable InboxCursor after) {

    InboxQuery {
        kinds = List.copyOf(kinds);
    }
}
