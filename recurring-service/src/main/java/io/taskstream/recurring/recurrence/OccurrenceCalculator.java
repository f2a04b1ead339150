package io.taskstream.recurring.recurrence;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Occurrences of a recurring task's series (RFC 5545 over lib-recur, evaluated on the zone's wall
 * clock, see {@link WallClock}). Pure: the same input gives the same answer.
 */
@Singleton
public class OccurrenceCalculator {

    private static final Instant LAST_STORABLE = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The next occurrence after {@code done}, or empty when the series has ended (COUNT reached, past
     * UNTIL, or past the end of year 9999).
     * <ul>
     *   <li>{@code from_schedule}: the first occurrence of the schedule from DTSTART that is strictly
     *       after max(due, completion). Occurrences missed meanwhile are skipped and still count
     *       towards COUNT, since they are part of the schedule.</li>
     *   <li>{@code from_completion}: the rule is restarted at the anchor = the completion's local date
     *       at DTSTART's local time of day; the next occurrence is the rule's first one strictly after
     *       both the anchor and the completion (FREQ=DAILY;INTERVAL=3 completed on the 10th at any
     *       time gives the 13th at the series' time). Parts that a rule takes from DTSTART (weekday
     *       of WEEKLY, day of MONTHLY) come from the anchor; a rule that is only "every n months (years)"
     *       is counted on the calendar, so a month after the 31st is a shorter month's last day. COUNT counts the tasks of the series
     *       ({@code done.number}); UNTIL applies as usual. The result may be earlier than the old due
     *       time when a task was completed early.</li>
     * </ul>
     *
     * @throws InvalidRecurrenceException when the rule yields no occurrence for hundreds of periods
     */
    public Optional<Instant> next(RecurrenceSeries series, CompletedOccurrence done) {
        if (series.rule().count().filter(count -> done.number() >= count).isPresent()) {
            return Optional.empty();
        }
        Optional<Instant> next = series.mode() == RecurrenceMode.FROM_SCHEDULE
                ? nextFromSchedule(series, done) : nextFromCompletion(series, done);
        // api-service stores due times up to the end of 9999 and would refuse a later one (the completion would be
        // dead-lettered): there the series has ended, as at UNTIL.
        return next.filter(at -> !at.isAfter(LAST_STORABLE));
    }

    /** The series' first {@code limit} occurrences, DTSTART first; fewer when the series ends sooner (or at 9999). */
    public List<ZonedDateTime> first(RecurrenceSeries series, int limit) {
        LocalOccurrences occurrences = LocalOccurrences.ofSchedule(series);
        List<ZonedDateTime> result = new ArrayList<>();
        while (result.size() < limit) {
            Optional<ZonedDateTime> next = occurrences.next();
            if (next.isEmpty() || next.get().toInstant().isAfter(LAST_STORABLE)) {
                break;
            }
            result.add(next.get());
        }
        return result;
    }

    private Optional<Instant> nextFromSchedule(RecurrenceSeries series, CompletedOccurrence done) {
        Instant after = latest(done.dueAt(), done.completedAt());
        LocalOccurrences occurrences = LocalOccurrences.ofSchedule(series);
        // A day's margin: the local time of an instant differs from the schedule's by at most the DST shift.
        occurrences.skipTo(LocalDateTime.ofInstant(after, series.zone()).minusDays(1));
        return firstAfter(occurrences, after);
    }

    private Optional<Instant> nextFromCompletion(RecurrenceSeries series, CompletedOccurrence done) {
        LocalDateTime anchor = LocalDateTime.ofInstant(done.completedAt(), series.zone()).toLocalDate()
                .atTime(series.start().toLocalTime());
        Optional<Period> step = series.rule().calendarStep();
        if (step.isPresent()) {
            // Restarted on the 31st, RFC 5545 would skip every month without a 31st (completed on 30 January,
            // next due 30 March). Counted on the calendar, a month after 31 January is 28 (29) February.
            LocalDateTime local = anchor.plus(step.get());
            Instant at = WallClock.at(local, series.zone()).toInstant();
            return series.rule().admits(local, at) ? Optional.of(at) : Optional.empty();
        }
        Instant after = latest(WallClock.at(anchor, series.zone()).toInstant(), done.completedAt());
        return firstAfter(LocalOccurrences.restartedAt(series.rule(), series.zone(), anchor), after);
    }

    private static Optional<Instant> firstAfter(LocalOccurrences occurrences, Instant after) {
        for (Optional<ZonedDateTime> next = occurrences.next(); next.isPresent(); next = occurrences.next()) {
            if (next.get().toInstant().isAfter(after)) {
                return Optional.of(next.get().toInstant());
            }
        }
        return Optional.empty();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
