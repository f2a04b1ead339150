package io.taskstream.api.task;

import jakarta.inject.Singleton;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks RRULEs with a real RFC 5545 parser (lib-recur, strict mode) and IANA zone names, and
 * refuses what recurring-service cannot follow (it would dead-letter the completion): rules more
 * frequent than hourly, and rules that yield no occurrence at all (BYMONTH=2;BYMONTHDAY=30).
 */
@Singleton
class RecurrenceValidator {

    Optional<String> ruleProblem(String rrule) {
        if (rrule.regionMatches(true, 0, "RRULE:", 0, 6)) {
            return Optional.of("give the rule value without the 'RRULE:' prefix");
        }
        RecurrenceRule rule;
        try {
            rule = new RecurrenceRule(rrule, RecurrenceRule.RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            return Optional.of("not a valid RFC 5545 RRULE: " + e.getMessage());
        }
        if (rule.getFreq() == Freq.SECONDLY || rule.getFreq() == Freq.MINUTELY) {
            return Optional.of("a task repeats at most hourly; FREQ=" + rule.getFreq() + " is not supported");
        }
        return neverOccurs(rrule) ? Optional.of("the rule yields no occurrence") : Optional.empty();
    }

    /** lib-recur gives up (IllegalArgumentException) on a rule that keeps yielding nothing. */
    private static boolean neverOccurs(String rrule) {
        String unbounded = Arrays.stream(rrule.split(";"))
                .filter(p -> !p.regionMatches(true, 0, "UNTIL=", 0, 6) && !p.regionMatches(true, 0, "COUNT=", 0, 6))
                .collect(Collectors.joining(";"));
        try {
            RecurrenceRuleIterator occurrences = new RecurrenceRule(unbounded, RecurrenceRule.RfcMode.RFC5545_STRICT)
                    .iterator(new DateTime(2026, 0, 1, 9, 0, 0));
            return !occurrences.hasNext();
        } catch (InvalidRecurrenceRuleException | IllegalArgumentException e) {
            return true;
        }
    }

    Optional<String> zoneProblem(String zone) {
        if (!zone.contains("/") && !zone.equals("UTC")) {
            return Optional.of("must be an IANA region name such as Europe/Berlin or UTC, was '" + zone + "'");
        }
        try {
            ZoneId.of(zone);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("unknown IANA time zone '" + zone + "'");
        }
    }
}
