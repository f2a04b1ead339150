package io.taskstream.recurring.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Local wall-clock times of a rule to instants, as RFC 5545 section 3.3.5 prescribes for a
 * DATE-TIME with TZID (section 3.3.10 applies it to recurrence instances):
 * <ul>
 *   <li>a time inside a spring-forward gap is read with the UTC offset before the gap, so it lands
 *       as many minutes after the gap as it was into it (02:30 on a 02:00-03:00 gap is 03:30);</li>
 *   <li>a time that occurs twice in an autumn overlap is the first of the two (the summer offset).</li>
 * </ul>
 * {@link ZonedDateTime#ofLocal} with no preferred offset does exactly both.
 */
final class WallClock {

    private WallClock() {
    }

    static ZonedDateTime at(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.ofLocal(local, zone, null);
    }
}
