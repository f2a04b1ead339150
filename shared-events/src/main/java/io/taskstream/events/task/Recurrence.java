package io.taskstream.events.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * How a task repeats.
 *
 * @param rrule    an RFC 5545 RRULE value, e.g. {@code FREQ=WEEKLY;BYDAY=MO}
 * @param timezone IANA zone the rule is evaluated in, e.g. {@code Europe/Berlin}
 * @param mode     {@code from_schedule} (next after the due date) or {@code from_completion}
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Recurrence(String rrule, String timezone, String mode) {

    public static final String FROM_SCHEDULE = "from_schedule";
    public static final String FROM_COMPLETION = "from_completion";
}
