package io.taskstream.notification.preference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A daily quiet period in the user's local time, {@code [start, end)}. When {@code start} is after
 * {@code end} the period wraps midnight (22:00–07:00 covers the night). Local times that a DST change
 * skips are moved forward by the gap, as {@link ZonedDateTime#of} does.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need start != end");
        }
    }

    /** When the quiet period containing {@code at} ends, or empty when {@code at} is not in one. */
    public Optional<Instant> endIfInside(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        LocalDate endDay;
        if (start.isBefore(end)) {
            if (time.isBefore(start) || !time.isBefore(end)) {
                return Optional.empty();
            }
            endDay = day;
        } else if (!time.isBefore(start)) {
            endDay = day.plusDays(1);
        } else if (time.isBefore(end)) {
            endDay = day;
        } else {
            return Optional.empty();
        }
        Instant endsAt = ZonedDateTime.of(endDay, end, zone).toInstant();
        return endsAt.isAfter(at) ? Optional.of(endsAt) : Optional.empty();
    }

    /** {@code at}, or the end of the quiet period it falls into. */
    public Instant notQuiet(Instant at, ZoneId zone) {
        return endIfInside(at, zone).orElse(at);
    }
}
