package io.taskstream.recurring.recurrence;

import java.time.Instant;
import java.util.Objects;

/**
 * The occurrence that was just completed.
 *
 * @param dueAt       its due instant
 * @param completedAt when it was completed
 * @param number      its 1-based position in the series (the first task is 1); with COUNT=n there is no
 *                    occurrence after number n
 */
public record CompletedOccurrence(Instant dueAt, Instant completedAt, int number) {

    public CompletedOccurrence {
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(completedAt, "completedAt");
        if (number < 1) {
            throw new IllegalArgumentException("number is 1-based, was " + number);
        }
    }
}
