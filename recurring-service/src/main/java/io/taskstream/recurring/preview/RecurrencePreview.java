package io.taskstream.recurring.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;

/**
 * The first occurrences of a rule.
 *
 * @param from        DTSTART as a local date-time in {@code timezone} (the first occurrence)
 * @param occurrences at most {@code count}, ascending
 * @param more        whether the series goes on after the last one listed
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty list or a null field is sent, not left out
public record RecurrencePreview(String rrule, String timezone, String from, int count,
                                List<Occurrence> occurrences, boolean more) {

    /**
     * @param at    the instant, UTC
     * @param local the wall-clock time with its offset; a rule time inside a DST gap shows here as moved
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Occurrence(String at, String local) {
    }
}
