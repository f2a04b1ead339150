package io.taskstream.recurring.recurrence;

import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.InstanceIterator;
import org.dmfs.rfc5545.recurrenceset.OfRule;
import org.dmfs.rfc5545.recurrenceset.OfRuleAndFirst;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Walks a rule in floating local time and yields its occurrences as zoned date-times, ascending,
 * until the rule (COUNT) or UNTIL ends it. Two local times that map to the same or an earlier
 * instant (only an hourly rule across a spring-forward gap can do that) are yielded once.
 */
final class LocalOccurrences {

    private final InstanceIterator instances;
    private final ParsedRule rule;
    private final ZoneId zone;
    private Instant last;
    private boolean ended;

    private LocalOccurrences(InstanceIterator instances, ParsedRule rule, ZoneId zone) {
        this.instances = instances;
        this.rule = rule;
        this.zone = zone;
    }

    /** The series' schedule: DTSTART is always the first occurrence and counts towards COUNT (RFC 5545). */
    static LocalOccurrences ofSchedule(RecurrenceSeries series) {
        OfRuleAndFirst schedule = new OfRuleAndFirst(series.rule().rule(true), toFloating(series.start()));
        return new LocalOccurrences(guarded(schedule::iterator), series.rule(), series.zone());
    }

    /** The rule restarted at {@code anchor} without COUNT; the anchor is an occurrence only if it matches the rule. */
    static LocalOccurrences restartedAt(ParsedRule rule, ZoneId zone, LocalDateTime anchor) {
        OfRule restarted = new OfRule(rule.rule(false), toFloating(anchor));
        return new LocalOccurrences(guarded(restarted::iterator), rule, zone);
    }

    /** Skips every occurrence before the local time {@code local}. */
    void skipTo(LocalDateTime local) {
        guarded(() -> {
            instances.fastForward(toFloating(local));
            return null;
        });
    }

    /** The next occurrence, or empty when the series has ended. */
    Optional<ZonedDateTime> next() {
        while (!ended && guarded(instances::hasNext)) {
            LocalDateTime local = toLocal(guarded(instances::next));
            ZonedDateTime at = WallClock.at(local, zone);
            if (!rule.admits(local, at.toInstant())) {
                ended = true;
            } else if (last == null || at.toInstant().isAfter(last)) {
                last = at.toInstant();
                return Optional.of(at);
            }
        }
        ended = true;
        return Optional.empty();
    }

    private static <T> T guarded(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            // lib-recur gives up when a rule keeps yielding nothing (say BYMONTH=2;BYMONTHDAY=30).
            throw new InvalidRecurrenceException("the rule yields no further occurrence (" + e.getMessage() + ")");
        }
    }

    static DateTime toFloating(LocalDateTime t) {
        return new DateTime(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    static LocalDateTime toLocal(DateTime t) {
        return LocalDateTime.of(t.getYear(), t.getMonth() + 1, t.getDayOfMonth(), t.getHours(), t.getMinutes(), t.getSeconds());
    }
}
