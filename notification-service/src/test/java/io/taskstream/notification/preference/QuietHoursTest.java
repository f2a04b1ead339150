package io.taskstream.notification.preference;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    private final QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30));

    @Test
    void aWrappingPeriodEndsTheNextMorningWhenEnteredInTheEvening() {
        // 23:30 in Berlin (CET, UTC+1) -> 07:00 the next day local = 06:00Z
        assertThat(night.endIfInside(Instant.parse("2026-01-14T22:30:00Z"), BERLIN))
                .contains(Instant.parse("2026-01-15T06:00:00Z"));
    }

    @Test
    void aWrappingPeriodEndsTheSameMorningAfterMidnight() {
        assertThat(night.endIfInside(Instant.parse("2026-01-15T02:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-01-15T06:00:00Z"));
    }

    @Test
    void outsideTheWindowIsNotQuiet() {
        assertThat(night.endIfInside(Instant.parse("2026-01-15T06:00:00Z"), BERLIN)).isEmpty(); // 07:00 local: end is exclusive
        assertThat(night.endIfInside(Instant.parse("2026-01-15T20:59:59Z"), BERLIN)).isEmpty(); // 21:59:59 local
        assertThat(lunch.endIfInside(Instant.parse("2026-01-15T10:59:00Z"), BERLIN)).isEmpty();
        assertThat(lunch.notQuiet(Instant.parse("2026-01-15T10:59:00Z"), BERLIN)).isEqualTo(Instant.parse("2026-01-15T10:59:00Z"));
    }

    @Test
    void aSameDayPeriodEndsThatDayInTheUsersZone() {
        // 12:00 local in summer (CEST, UTC+2) is inside; ends 13:30 local = 11:30Z
        assertThat(lunch.endIfInside(Instant.parse("2026-07-01T10:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-07-01T11:30:00Z"));
        assertThat(lunch.endIfInside(Instant.parse("2026-07-01T10:00:00Z"), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void theEndFollowsADstChangeOvernight() {
        // Night of 28/29 March 2026: clocks go forward at 02:00; 07:00 local is then UTC+2 = 05:00Z
        assertThat(night.endIfInside(Instant.parse("2026-03-28T22:00:00Z"), BERLIN))
                .contains(Instant.parse("2026-03-29T05:00:00Z"));
    }

    @Test
    void startAndEndMustDiffer() {
        assertThatThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON)).isInstanceOf(IllegalArgumentException.class);
    }
}
