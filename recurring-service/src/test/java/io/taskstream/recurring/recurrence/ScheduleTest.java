package io.taskstream.recurring.recurrence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZonedDateTime;

import static io.taskstream.recurring.recurrence.Series.done;
import static io.taskstream.recurring.recurrence.Series.schedule;
import static org.assertj.core.api.Assertions.assertThat;

/** from_schedule: wall-clock times across DST, month ends, weekdays, missed occurrences. */
class ScheduleTest {

    private final OccurrenceCalculator calculator = new OccurrenceCalculator();

    @ParameterizedTest(name = "{0}: due {1} -> {2}")
    @CsvSource({
            // spring forward (Berlin 30 Mar, New York 9 Mar) and fall back (26 Oct, 2 Nov): 09:00 stays 09:00
            "Europe/Berlin,    2025-03-29T09:00, 2025-03-30T07:00:00Z",
            "Europe/Berlin,    2025-10-25T09:00, 2025-10-26T08:00:00Z",
            "America/New_York, 2025-03-08T09:00, 2025-03-09T13:00:00Z",
            "America/New_York, 2025-11-01T09:00, 2025-11-02T14:00:00Z",
    })
    void aDailyTimeStaysTheSameOnTheWallClockAcrossDst(String zone, String due, Instant expected) {
        RecurrenceSeries daily = schedule("FREQ=DAILY", zone, "2025-01-01T09:00");

        assertThat(calculator.next(daily, done(daily, due, due, 2))).contains(expected);
    }

    @Test
    void aTimeInTheSpringForwardGapIsReadWithTheOffsetBeforeTheGap() {
        RecurrenceSeries daily = schedule("FREQ=DAILY", "America/New_York", "2025-03-01T02:30");

        // 02:30 does not exist on 9 March: RFC 5545 3.3.5 reads it at -05:00, which is 03:30 EDT
        assertThat(calculator.next(daily, done(daily, "2025-03-08T02:30", "2025-03-08T02:30", 8)))
                .contains(Instant.parse("2025-03-09T07:30:00Z"));
        assertThat(calculator.next(daily, new CompletedOccurrence(Instant.parse("2025-03-09T07:30:00Z"),
                Instant.parse("2025-03-09T07:30:00Z"), 9))).contains(Instant.parse("2025-03-10T06:30:00Z"));
    }

    @Test
    void aTimeThatOccursTwiceInTheAutumnOverlapIsTheFirstOfThem() {
        RecurrenceSeries daily = schedule("FREQ=DAILY", "America/New_York", "2025-10-01T01:30");

        assertThat(calculator.next(daily, done(daily, "2025-11-01T01:30", "2025-11-01T01:30", 32)))
                .contains(Instant.parse("2025-11-02T05:30:00Z"));
    }

    @Test
    void lastDayOfTheMonthIncludesALeapFebruary() {
        RecurrenceSeries monthEnd = schedule("FREQ=MONTHLY;BYMONTHDAY=-1", "Europe/Berlin", "2024-01-31T09:00");

        assertThat(calculator.first(monthEnd, 5)).extracting(t -> t.toLocalDate().toString())
                .containsExactly("2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31");
        assertThat(calculator.next(monthEnd, done(monthEnd, "2025-01-31T09:00", "2025-01-31T10:00", 13)))
                .contains(Instant.parse("2025-02-28T08:00:00Z"));
    }

    @Test
    void the31stSkipsMonthsWithoutOne() {
        RecurrenceSeries the31st = schedule("FREQ=MONTHLY;BYMONTHDAY=31", "Europe/Berlin", "2025-01-31T09:00");

        assertThat(calculator.next(the31st, done(the31st, "2025-01-31T09:00", "2025-01-31T09:30", 1)))
                .contains(Instant.parse("2025-03-31T07:00:00Z"));
        assertThat(calculator.next(the31st, done(the31st, "2025-03-31T09:00", "2025-03-31T09:30", 2)))
                .contains(Instant.parse("2025-05-31T07:00:00Z"));
    }

    @Test
    void everyWeekdayJumpsOverTheWeekend() {
        RecurrenceSeries weekdays = schedule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Europe/Berlin", "2025-01-06T09:00");

        assertThat(calculator.next(weekdays, done(weekdays, "2025-01-10T09:00", "2025-01-10T17:00", 5)))
                .contains(Instant.parse("2025-01-13T08:00:00Z"));
        assertThat(calculator.first(weekdays, 6)).extracting(ZonedDateTime::getDayOfWeek).extracting(Enum::name)
                .containsExactly("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "MONDAY");
    }

    @Test
    void missedOccurrencesAreSkippedNotPiledUp() {
        RecurrenceSeries daily = schedule("FREQ=DAILY", "Europe/Berlin", "2025-01-01T09:00");
        RecurrenceSeries weekly = schedule("FREQ=WEEKLY;BYDAY=MO", "Europe/Berlin", "2025-01-06T09:00");

        assertThat(calculator.next(daily, done(daily, "2025-01-01T09:00", "2025-01-05T12:00", 1)))
                .contains(Instant.parse("2025-01-06T08:00:00Z"));
        assertThat(calculator.next(daily, done(daily, "2025-01-01T09:00", "2025-01-05T08:00", 1)))
                .contains(Instant.parse("2025-01-05T08:00:00Z"));
        assertThat(calculator.next(weekly, done(weekly, "2025-01-06T09:00", "2025-01-22T10:00", 1)))
                .contains(Instant.parse("2025-01-27T08:00:00Z"));
    }

    @Test
    void completingEarlyStillMovesPastTheCurrentDueTime() {
        RecurrenceSeries daily = schedule("FREQ=DAILY", "Europe/Berlin", "2025-01-01T09:00");

        assertThat(calculator.next(daily, done(daily, "2025-01-10T09:00", "2025-01-07T12:00", 10)))
                .contains(Instant.parse("2025-01-11T08:00:00Z"));
    }
}
