package io.taskstream.recurring.recurrence;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An RRULE parsed strictly (RFC 5545) by lib-recur, with COUNT and UNTIL taken apart.
 *
 * <p>Rules are iterated in floating local time (see {@link WallClock}), and lib-recur refuses a
 * UTC UNTIL with a floating start, so UNTIL is applied here. COUNT is applied by lib-recur for a
 * schedule counted from DTSTART and by the calculator for a rule restarted at a completion.
 */
public final class ParsedRule {

    private final String withoutUntil;
    private final String withoutLimits;
    private final Integer count;
    private final DateTime until;

    private ParsedRule(String withoutUntil, String withoutLimits, Integer count, DateTime until) {
        this.withoutUntil = withoutUntil;
        this.withoutLimits = withoutLimits;
        this.count = count;
        this.until = until;
    }

    /** @throws InvalidRecurrenceException saying what is wrong with the rule */
    public static ParsedRule parse(String rrule) {
        if (rrule == null || rrule.isBlank()) {
            throw new InvalidRecurrenceException("a rule is required, e.g. FREQ=WEEKLY;BYDAY=MO");
        }
        if (rrule.regionMatches(true, 0, "RRULE:", 0, 6)) {
            throw new InvalidRecurrenceException("give the rule value without the 'RRULE:' prefix");
        }
        RecurrenceRule rule = strict(rrule.trim());
        if (rule.getFreq() == Freq.SECONDLY || rule.getFreq() == Freq.MINUTELY) {
            // Finding the next occurrence walks the schedule from DTSTART; per-second or per-minute
            // schedules make that walk unbounded, and no task repeats that often.
            throw new InvalidRecurrenceException("a task repeats at most hourly; FREQ=" + rule.getFreq() + " is not supported");
        }
        Integer count = rule.getCount();
        DateTime until = rule.getUntil();
        String withoutUntil = without(rrule.trim(), "UNTIL=");
        String withoutLimits = without(withoutUntil, "COUNT=");
        return new ParsedRule(withoutUntil, withoutLimits, count, until);
    }

    private static String without(String rrule, String part) {
        return Arrays.stream(rrule.split(";"))
                .filter(p -> !p.regionMatches(true, 0, part, 0, part.length()))
                .collect(Collectors.joining(";"));
    }

    private static RecurrenceRule strict(String rrule) {
        try {
            return new RecurrenceRule(rrule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            throw new InvalidRecurrenceException("not a valid RFC 5545 RRULE: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** The rule without UNTIL; with COUNT when {@code withCount}, otherwise unbounded by count. */
    RecurrenceRule rule(boolean withCount) {
        return strict(withCount ? withoutUntil : withoutLimits);
    }

    Optional<Integer> count() {
        return Optional.ofNullable(count);
    }

    /**
     * For a rule that only says "every n months" or "every n years" (FREQ, INTERVAL and the limits, no BY* part):
     * that period, so "a month after" a day can be counted on the calendar, clamped to a shorter month's last day.
     */
    Optional<Period> calendarStep() {
        RecurrenceRule plain = strict(withoutLimits);
        boolean onlyFrequency = Arrays.stream(withoutLimits.split(";"))
                .map(part -> part.split("=", 2)[0].trim().toUpperCase(java.util.Locale.ROOT))
                .allMatch(key -> key.equals("FREQ") || key.equals("INTERVAL") || key.equals("WKST"));
        if (!onlyFrequency) {
            return Optional.empty();
        }
        return switch (plain.getFreq()) {
            case MONTHLY -> Optional.of(Period.ofMonths(plain.getInterval()));
            case YEARLY -> Optional.of(Period.ofYears(plain.getInterval()));
            default -> Optional.empty();
        };
    }

    /**
     * Whether UNTIL admits an occurrence (inclusive, RFC 5545): a UTC UNTIL is compared with the
     * instant, a DATE with the local date, and a floating DATE-TIME (which RFC 5545 does not allow
     * with a zoned DTSTART; accepted leniently) with the local date-time.
     */
    boolean admits(LocalDateTime local, Instant at) {
        if (until == null) {
            return true;
        }
        if (until.isAllDay()) {
            return !local.toLocalDate().isAfter(LocalDate.of(until.getYear(), until.getMonth() + 1, until.getDayOfMonth()));
        }
        if (until.isFloating()) {
            return !local.isAfter(LocalOccurrences.toLocal(until));
        }
        return !at.isAfter(Instant.ofEpochMilli(until.getTimestamp()));
    }
}
