package io.taskstream.recurring.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Test data: series and completed occurrences in a few words. */
final class Series {

    private Series() {
    }

    static RecurrenceSeries schedule(String rrule, String zone, String start) {
        return RecurrenceSeries.of(rrule, zone, LocalDateTime.parse(start), RecurrenceMode.FROM_SCHEDULE);
    }

    static RecurrenceSeries fromCompletion(String rrule, String zone, String start) {
        return RecurrenceSeries.of(rrule, zone, LocalDateTime.parse(start), RecurrenceMode.FROM_COMPLETION);
    }

    /** The occurrence due at the local time {@code due} in the series' zone, completed at the local time {@code completed}. */
    static CompletedOccurrence done(RecurrenceSeries series, String due, String completed, int number) {
        return new CompletedOccurrence(local(series.zone(), due), local(series.zone(), completed), number);
    }

    static Instant local(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }
}
