package io.taskstream.recurring.preview;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.taskstream.recurring.recurrence.InvalidRecurrenceException;
import io.taskstream.recurring.recurrence.ParsedRule;
import io.taskstream.recurring.recurrence.RecurrenceMode;
import io.taskstream.recurring.recurrence.RecurrenceSeries;
import io.taskstream.web.problem.Problem;
import io.taskstream.web.problem.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked query of {@code GET /recurrence/preview}. A missing or unparseable parameter is
 * malformed (400); a well-formed one with a value that cannot be used is invalid (422). Every bad
 * parameter is reported at once; the status is 400 if any of them is malformed.
 */
record PreviewRequest(RecurrenceSeries series, int count) {

    static final int DEFAULT_COUNT = 5;
    static final int MAX_COUNT = 100;

    static PreviewRequest parse(@Nullable String rrule, @Nullable String tz, @Nullable String from, @Nullable String count) {
        Errors errors = new Errors();
        ParsedRule rule = null;
        if (rrule == null || rrule.isBlank()) {
            errors.malformed("rrule", "rrule is required, an RFC 5545 RRULE value such as FREQ=WEEKLY;BYDAY=MO");
        } else {
            try {
                rule = ParsedRule.parse(rrule);
            } catch (InvalidRecurrenceException e) {
                errors.invalid("rrule", e.getMessage());
            }
        }
        ZoneId zone = null;
        if (tz == null || tz.isBlank()) {
            errors.malformed("tz", "tz is required, an IANA zone such as Europe/Berlin");
        } else {
            zone = zone(tz, errors);
        }
        LocalDateTime start = null;
        if (from == null || from.isBlank()) {
            errors.malformed("from", "from is required: the first occurrence, e.g. 2025-03-28T09:00");
        } else {
            start = start(from, zone, errors);
        }
        int n = count(count, errors);
        errors.throwIfAny();
        return new PreviewRequest(new RecurrenceSeries(rule, zone, start, RecurrenceMode.FROM_SCHEDULE), n);
    }

    private static ZoneId zone(String tz, Errors errors) {
        if (!tz.contains("/") && !tz.equals("UTC")) {
            errors.invalid("tz", "must be an IANA region name such as Europe/Berlin or UTC, was '" + tz + "'");
            return null;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            errors.invalid("tz", "unknown IANA time zone '" + tz + "'");
            return null;
        }
    }

    /** A local date-time is read in {@code zone}; an instant (Z or offset) is moved to {@code zone}'s wall clock. */
    private static LocalDateTime start(String from, @Nullable ZoneId zone, Errors errors) {
        try {
            return LocalDateTime.parse(from);
        } catch (DateTimeException notLocal) {
            try {
                OffsetDateTime instant = OffsetDateTime.parse(from);
                return zone == null ? null : instant.atZoneSameInstant(zone).toLocalDateTime();
            } catch (DateTimeException notInstant) {
                errors.malformed("from", "must be an ISO-8601 local date-time read in tz (2025-03-28T09:00)"
                        + " or an instant with offset (2025-03-28T08:00:00Z), was '" + from + "'");
                return null;
            }
        }
    }

    private static int count(@Nullable String count, Errors errors) {
        if (count == null) {
            return DEFAULT_COUNT;
        }
        int n;
        try {
            n = Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            errors.malformed("count", "must be a whole number from 1 to " + MAX_COUNT + ", was '" + count + "'");
            return DEFAULT_COUNT;
        }
        if (n < 1 || n > MAX_COUNT) {
            errors.invalid("count", "must be from 1 to " + MAX_COUNT + ", was " + n);
        }
        return n;
    }

    private static final class Errors {

        private final List<Problem.FieldError> errors = new ArrayList<>();
        private boolean malformed;

        void malformed(String field, String message) {
            malformed = true;
            invalid(field, message);
        }

        void invalid(String field, String message) {
            errors.add(new Problem.FieldError(field, message));
        }

        void throwIfAny() {
            if (!errors.isEmpty()) {
                throw ProblemException.invalidFields(malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY, errors);
            }
        }
    }
}
