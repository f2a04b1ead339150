package io.taskstream.recurring.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A recurring task's schedule.
 *
 * @param rule  the parsed RRULE
 * @param zone  the IANA zone whose wall clock the rule is evaluated in
 * @param start DTSTART: the first occurrence's due time as a local date-time in {@code zone}
 * @param mode  how the next occurrence follows a completion
 */
public record RecurrenceSeries(ParsedRule rule, ZoneId zone, LocalDateTime start, RecurrenceMode mode) {

    public RecurrenceSeries {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(mode, "mode");
        start = Objects.requireNonNull(start, "start").withNano(0);
    }

    public static RecurrenceSeries of(String rrule, String zone, LocalDateTime start, RecurrenceMode mode) {
        return new RecurrenceSeries(ParsedRule.parse(rrule), ZoneId.of(zone), start, mode);
    }
}
