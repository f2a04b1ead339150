package io.taskstream.notification.preference;

import io.micronaut.core.annotation.Nullable;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A user's preferences (the defaults when none are stored: {@code updatedAt} null) with the
 * timezone of their contact, which applies when the preferences name none.
 */
public record StoredPreferences(Preferences preferences, @Nullable String contactTimezone,
                                @Nullable Instant updatedAt) {

    /** The zone quiet hours are evaluated in: the preferences' timezone, else the contact's, else UTC. */
    public ZoneId zone() {
        for (String candidate : new String[] {preferences.timezone(), contactTimezone}) {
            if (candidate != null) {
                try {
                    return ZoneId.of(candidate);
                } catch (DateTimeException e) {
                    // validated on the way in; an unreadable stored value falls through to the next source
                }
            }
        }
        return ZoneOffset.UTC;
    }

    /** The zone's name as served: an IANA id, or {@code UTC}. */
    public String zoneName() {
        ZoneId zone = zone();
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}
