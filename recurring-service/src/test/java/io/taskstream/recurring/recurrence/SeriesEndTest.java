package io.taskstream.recurring.recurrence;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.taskstream.recurring.recurrence.Series.done;
import static io.taskstream.recurring.recurrence.Series.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COUNT and UNTIL end a series; a rule that never matches is reported, not looped on. */
class SeriesEndTest {

    private final OccurrenceCalculator calculator = new OccurrenceCalculator();

    @Test
    void countEndsTheSeriesAfterItsLastOccurrence() {
        RecurrenceSeries three = schedule("FREQ=DAILY;COUNT=3", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(three, done(three, "2025-01-02T09:00", "2025-01-02T10:00", 2)))
                .contains(Instant.parse("2025-01-03T08:00:00Z"));
        assertThat(calculator.next(three, done(three, "2025-01-03T09:00", "2025-01-03T10:00", 3))).isEmpty();
        assertThat(calculator.first(three, 10)).hasSize(3);
    }

    /** api-service stores due times up to 9999-12-31: asking it for a later one would dead-letter the completion. */
    @Test
    void theSeriesEndsWhereTheStorableCalendarEnds() {
        RecurrenceSeries daily = schedule("FREQ=DAILY", "UTC", "9999-12-30T09:00");
        assertThat(calculator.next(daily, done(daily, "9999-12-30T09:00", "9999-12-30T10:00", 1)))
                .contains(Instant.parse("9999-12-31T09:00:00Z"));
        assertThat(calculator.next(daily, done(daily, "9999-12-31T09:00", "9999-12-31T10:00", 2))).isEmpty();
        assertThat(calculator.first(daily, 5)).as("a preview ends there too").hasSize(2);

        RecurrenceSeries everyNineThousandYears = schedule("FREQ=YEARLY;INTERVAL=9000", "Europe/Berlin", "2026-03-01T09:00");
        assertThat(calculator.next(everyNineThousandYears,
                done(everyNineThousandYears, "2026-03-01T09:00", "2026-03-01T10:00", 1))).isEmpty();
        RecurrenceSeries fromCompletion = Series.fromCompletion("FREQ=YEARLY;INTERVAL=9000", "UTC", "2026-03-01T09:00");
        assertThat(calculator.next(fromCompletion, done(fromCompletion, "2026-03-01T09:00", "2026-03-01T10:00", 1))).isEmpty();
        RecurrenceSeries weekly = Series.fromCompletion("FREQ=WEEKLY;BYDAY=MO", "UTC", "9999-12-27T09:00");
        assertThat(calculator.next(weekly, done(weekly, "9999-12-27T09:00", "9999-12-27T10:00", 1))).isEmpty();
    }

    @Test
    void missedOccurrencesCountTowardsCountBecauseTheyArePartOfTheSchedule() {
        RecurrenceSeries five = schedule("FREQ=DAILY;COUNT=5", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(five, done(five, "2025-01-01T09:00", "2025-01-04T12:00", 1)))
                .contains(Instant.parse("2025-01-05T08:00:00Z"));
        assertThat(calculator.next(five, done(five, "2025-01-01T09:00", "2025-01-10T12:00", 1))).isEmpty();
    }

    @Test
    void dtstartIsTheFirstOccurrenceAndCountsEvenWhenTheRuleWouldNotPickIt() {
        RecurrenceSeries weekdays = schedule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=3", "Europe/Berlin", "2025-01-04T09:00");

        assertThat(calculator.first(weekdays, 10)).extracting(t -> t.toLocalDate().toString())
                .containsExactly("2025-01-04", "2025-01-06", "2025-01-07");
    }

    @Test
    void aUtcUntilIsInclusive() {
        RecurrenceSeries until = schedule("FREQ=DAILY;UNTIL=20250105T080000Z", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(until, done(until, "2025-01-04T09:00", "2025-01-04T09:00", 4)))
                .contains(Instant.parse("2025-01-05T08:00:00Z"));
        assertThat(calculator.next(until, done(until, "2025-01-05T09:00", "2025-01-05T09:00", 5))).isEmpty();
    }

    @Test
    void aUtcUntilBetweenTwoOccurrencesEndsTheSeriesAfterTheEarlierOne() {
        RecurrenceSeries until = schedule("FREQ=DAILY;UNTIL=20250105T075959Z", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(until, done(until, "2025-01-04T09:00", "2025-01-04T09:00", 4))).isEmpty();
        assertThat(calculator.first(until, 10)).hasSize(4);
    }

    @Test
    void aDateUntilIncludesThatWholeLocalDay() {
        RecurrenceSeries until = schedule("FREQ=DAILY;UNTIL=20250105", "America/New_York", "2025-01-01T23:00");

        assertThat(calculator.next(until, done(until, "2025-01-04T23:00", "2025-01-04T23:00", 4)))
                .contains(Instant.parse("2025-01-06T04:00:00Z"));
        assertThat(calculator.next(until, done(until, "2025-01-05T23:00", "2025-01-05T23:00", 5))).isEmpty();
    }

    @Test
    void aRuleThatNeverMatchesIsReported() {
        RecurrenceSeries never = schedule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "Europe/Berlin", "2025-01-01T09:00");

        assertThatThrownBy(() -> calculator.next(never, done(never, "2025-01-01T09:00", "2025-01-01T09:00", 1)))
                .isInstanceOf(InvalidRecurrenceException.class)
                .hasMessageContaining("no further occurrence");
    }
}
