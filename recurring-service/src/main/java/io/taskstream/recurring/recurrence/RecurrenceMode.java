package io.taskstream.recurring.recurrence;

import io.taskstream.events.task.Recurrence;

import java.util.Arrays;
import java.util.Optional;

/** How the next occurrence is found; the wire names are those of shared-events {@link Recurrence}. */
public enum RecurrenceMode {

    /** The next occurrence is the first of the schedule strictly after max(due, completion). */
    FROM_SCHEDULE(Recurrence.FROM_SCHEDULE),
    /** The rule is restarted on the completion day at the series' local time of day. */
    FROM_COMPLETION(Recurrence.FROM_COMPLETION);

    private final String wireName;

    RecurrenceMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RecurrenceMode> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
