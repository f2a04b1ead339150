package io.taskstream.notification.inbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code status} filter of {@code GET /notifications}. A notification is archived once
 * archived (whatever else), else read once read, else unread; seen is a separate, weaker mark
 * (shown in a list, not opened). {@code inbox} (the default) is every notification not archived.
 */
enum InboxStatus {
    INBOX("archived_at IS NULL"),
    UNREAD("read_at IS NULL AND archived_at IS NULL"),
    READ("read_at IS NOT NULL AND archived_at IS NULL"),
    ARCHIVED("archived_at IS NOT NULL"),
    ALL("TRUE");

    private final String predicate;

    InboxStatus(String predicate) {
        this.predicate = predicate;
    }

    /** An SQL condition on the notifications table (constant text, no user input). */
    String predicate() {
        return predicate;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<InboxStatus> fromParam(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
