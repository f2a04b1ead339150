package io.taskstream.api.task;

import jakarta.inject.Singleton;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** Checks RRULEs with a real RFC 5545 parser (lib-recur, strict mode) and IANA zone names. */
@Singleton
class RecurrenceValidator {

    Optional<String> ruleProblem(String rrule) {
        if (rrule.regionMatches(true, 0, "RRULE:", 0, 6)) {
            return Optional.of("give the rule value without the 'RRULE:' prefix");
        }
        try {
            new RecurrenceRule(rrule, RecurrenceRule.RfcMode.RFC5545_STRICT);
            return Optional.empty();
        } catch (InvalidRecurrenceRuleException | RuntimeException e) {
            return Optional.of("not a valid RFC 5545 RRULE: " + e.getMessage());
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
