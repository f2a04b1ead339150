package io.taskstream.e2e;

import org.junit.jupiter.params.provider.Arguments;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar cases of {@link RecurrenceE2ETest}, in next year so they are always ahead of the clock
 * (a from_schedule task completed after its next occurrence would skip it). Each case checks its own
 * premise, such as the 23-hour day of a spring DST change, so a wrong date fails here, not silently.
 */
final class RecurrenceCases {

    private static final LocalTime NINE = LocalTime.of(9, 0);

    private RecurrenceCases() {
    }

    static Stream<Arguments> all() {
        int year = Year.now(ZoneOffset.UTC).getValue() + 1;
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneId newYork = ZoneId.of("America/New_York");
        ZoneId utc = ZoneId.of("UTC");
        LocalDate berlinSpring = dstChange(berlin, year, 3);
        LocalDate newYorkSpring = dstChange(newYork, year, 3);
        LocalDate newYorkAutumn = dstChange(newYork, year, 11);
        YearMonth january = YearMonth.of(year, 1);
        LocalDate friday = january.atDay(8).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY));
        return Stream.of(
                of("daily across the Berlin spring DST change", "FREQ=DAILY", berlin,
                        at(berlinSpring.minusDays(1), berlin), at(berlinSpring, berlin), Duration.ofHours(23)),
                of("weekly across the New York spring DST change", "FREQ=WEEKLY", newYork,
                        at(newYorkSpring.minusDays(4), newYork), at(newYorkSpring.plusDays(3), newYork), Duration.ofHours(7 * 24 - 1)),
                of("last day of the month", "FREQ=MONTHLY;BYMONTHDAY=-1", utc,
                        at(january.atEndOfMonth(), utc), at(january.plusMonths(1).atEndOfMonth(), utc),
                        Duration.ofDays(january.plusMonths(1).lengthOfMonth())),
                of("every weekday, Friday to Monday", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", berlin,
                        at(friday, berlin), at(friday.plusDays(3), berlin), Duration.ofDays(3)),
                of("New York autumn DST change", "FREQ=DAILY", newYork,
                        at(newYorkAutumn.minusDays(1), newYork), at(newYorkAutumn, newYork), Duration.ofHours(25)));
    }

    private static Arguments of(String name, String rrule, ZoneId zone, Instant due, Instant expected, Duration gap) {
        assertThat(Duration.between(due, expected)).as(name + ": the case's own premise").isEqualTo(gap);
        return Arguments.of(name, rrule, zone.getId(), due.toString(), expected.toString());
    }

    private static Instant at(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, NINE, zone).toInstant();
    }

    /** The local date on which the zone's clocks change in that month of the year. */
    private static LocalDate dstChange(ZoneId zone, int year, int month) {
        Instant from = LocalDate.of(year, month, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant change = zone.getRules().nextTransition(from).getInstant();
        LocalDate date = change.atZone(zone).toLocalDate();
        assertThat(date.getMonthValue()).as(zone + " changes its clocks in month " + month + " of " + year).isEqualTo(month);
        return date;
    }
}
