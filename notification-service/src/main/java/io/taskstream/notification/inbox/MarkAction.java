package io.taskstream.notification.inbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A mark a user puts on a notification. Each sets its timestamp once (repeating it changes nothing);
 * reading also marks it seen.
 */
enum MarkAction {
    READ("read_at", "read_at = COALESCE(read_at, now()), seen_at = COALESCE(seen_at, now())"),
    SEEN("seen_at", "seen_at = COALESCE(seen_at, now())"),
    ARCHIVE("archived_at", "archived_at = COALESCE(archived_at, now())");

    private final String column;
    private final String assignments;

    MarkAction(String column, String assignments) {
        this.column = column;
        this.assignments = assignments;
    }

    /** The timestamp column this mark sets. */
    String column() {
        return column;
    }

    /** The SQL SET list (constant text). */
    String assignments() {
        return assignments;
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MarkAction> fromParam(String value) {
        return Arrays.stream(values()).filter(a -> a.wireName().equals(value)).findFirst();
    }
}
