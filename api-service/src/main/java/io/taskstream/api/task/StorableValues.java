package io.taskstream.api.task;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What PostgreSQL can store as sent, checked before it is asked to: otherwise a value it refuses is a 500, and
 * one it rounds makes the response and the event differ from the row.
 */
final class StorableValues {

    static final String INSTANT_FORM = "must be an ISO-8601 instant from year 1 to 9999, such as 2026-11-24T09:00:00Z";
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableValues() {
    }

    /**
     * An ISO-8601 instant in years 1–9999 (PostgreSQL rejects some later ones; the API's own cursors and JSON
     * write four-digit years), cut to microseconds as PostgreSQL keeps it.
     *
     * @throws IllegalArgumentException or {@link java.time.format.DateTimeParseException} otherwise
     */
    static Instant instant(String text) {
        Instant value = Instant.parse(text).truncatedTo(ChronoUnit.MICROS);
        if (value.isBefore(MIN) || value.isAfter(MAX)) {
            throw new IllegalArgumentException(INSTANT_FORM);
        }
        return value;
    }

    /** Why PostgreSQL's text type would refuse or alter {@code text}; null when it stores it as sent. */
    static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }
}
