package io.taskstream.recurring.recurrence;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.taskstream.recurring.recurrence.Series.done;
import static io.taskstream.recurring.recurrence.Series.fromCompletion;
import static org.assertj.core.api.Assertions.assertThat;

/** from_completion: the rule restarts on the completion's local day at the series' time of day. */
class FromCompletionTest {

    private final OccurrenceCalculator calculator = new OccurrenceCalculator();
    private final RecurrenceSeries everyThirdDay = fromCompletion("FREQ=DAILY;INTERVAL=3", "Europe/Berlin", "2025-01-01T09:00");

    @Test
    void theIntervalCountsFromTheCompletionDayAtTheSeriesTime() {
        assertThat(calculator.next(everyThirdDay, done(everyThirdDay, "2025-01-04T09:00", "2025-01-10T22:30", 2)))
                .contains(Instant.parse("2025-01-13T08:00:00Z"));
        assertThat(calculator.next(everyThirdDay, done(everyThirdDay, "2025-01-04T09:00", "2025-01-10T07:00", 2)))
                .contains(Instant.parse("2025-01-13T08:00:00Z"));
    }

    @Test
    void theCompletionDayIsTheLocalDayInTheSeriesZone() {
        // 23:30 UTC on the 10th is 00:30 on the 11th in Berlin
        CompletedOccurrence lateUtc = new CompletedOccurrence(Instant.parse("2025-01-04T08:00:00Z"),
                Instant.parse("2025-01-10T23:30:00Z"), 2);

        assertThat(calculator.next(everyThirdDay, lateUtc)).contains(Instant.parse("2025-01-14T08:00:00Z"));
    }

    @Test
    void completingEarlyCanBringTheNextOccurrenceForward() {
        assertThat(calculator.next(everyThirdDay, done(everyThirdDay, "2025-01-10T09:00", "2025-01-02T12:00", 2)))
                .contains(Instant.parse("2025-01-05T08:00:00Z"));
    }

    @Test
    void keepsTheWallClockTimeAcrossDst() {
        assertThat(calculator.next(everyThirdDay, done(everyThirdDay, "2025-03-27T09:00", "2025-03-28T18:00", 2)))
                .contains(Instant.parse("2025-03-31T07:00:00Z"));
    }

    @Test
    void aWeeklyRuleWithoutBydayRepeatsOnTheCompletionWeekday() {
        RecurrenceSeries weekly = fromCompletion("FREQ=WEEKLY", "Europe/Berlin", "2025-01-06T09:00");

        assertThat(calculator.next(weekly, done(weekly, "2025-01-06T09:00", "2025-01-15T11:00", 1)))
                .contains(Instant.parse("2025-01-22T08:00:00Z"));
    }

    @Test
    void aMonthAfterACompletionLateInAMonthIsTheNextMonthsLastDayNotAMonthLater() {
        RecurrenceSeries monthly = fromCompletion("FREQ=MONTHLY", "Europe/Berlin", "2025-01-05T09:00");
        RecurrenceSeries quarterly = fromCompletion("FREQ=MONTHLY;INTERVAL=3;UNTIL=20250630T000000Z", "Europe/Berlin",
                "2025-01-05T09:00");
        RecurrenceSeries yearly = fromCompletion("FREQ=YEARLY", "UTC", "2020-02-29T09:00");

        assertThat(calculator.next(monthly, done(monthly, "2025-01-05T09:00", "2025-01-30T18:00", 1)))
                .as("RFC 5545 from a restart on the 30th: 30 March").contains(Instant.parse("2025-02-28T08:00:00Z"));
        assertThat(calculator.next(monthly, done(monthly, "2025-03-05T09:00", "2025-03-31T18:00", 2)))
                .contains(Instant.parse("2025-04-30T07:00:00Z"));
        assertThat(calculator.next(monthly, done(monthly, "2025-03-05T09:00", "2025-03-12T18:00", 2)))
                .contains(Instant.parse("2025-04-12T07:00:00Z"));
        assertThat(calculator.next(quarterly, done(quarterly, "2025-01-05T09:00", "2025-01-31T10:00", 1)))
                .contains(Instant.parse("2025-04-30T07:00:00Z"));
        assertThat(calculator.next(quarterly, done(quarterly, "2025-04-30T09:00", "2025-04-30T10:00", 2)))
                .as("past UNTIL").isEmpty();
        assertThat(calculator.next(yearly, done(yearly, "2024-02-29T09:00", "2024-02-29T10:00", 5)))
                .as("not 2028").contains(Instant.parse("2025-02-28T09:00:00Z"));
    }

    @Test
    void countCountsTheTasksOfTheSeries() {
        RecurrenceSeries three = fromCompletion("FREQ=DAILY;INTERVAL=3;COUNT=3", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(three, done(three, "2025-01-04T09:00", "2025-01-20T09:00", 2)))
                .contains(Instant.parse("2025-01-23T08:00:00Z"));
        assertThat(calculator.next(three, done(three, "2025-01-23T09:00", "2025-01-23T09:00", 3))).isEmpty();
    }

    @Test
    void untilEndsTheSeries() {
        RecurrenceSeries until = fromCompletion("FREQ=DAILY;INTERVAL=3;UNTIL=20250120", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(until, done(until, "2025-01-15T09:00", "2025-01-17T09:00", 5)))
                .contains(Instant.parse("2025-01-20T08:00:00Z"));
        assertThat(calculator.next(until, done(until, "2025-01-15T09:00", "2025-01-18T09:00", 5))).isEmpty();
    }
}
