package io.taskstream.notification.preference;

import io.micronaut.core.annotation.Nullable;
import io.taskstream.notification.delivery.Channel;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One user's delivery preferences as stored. {@code channels} maps a notification kind (or
 * {@link #ANY_KIND}, the default for kinds without an entry) to channel switches; a channel without
 * a switch is on. {@code in_app} is always on. {@code timezone} is the user's own choice (null = the
 * contact's timezone, else UTC); {@code digestMinutes} 0 = no digest.
 */
public record Preferences(@Nullable String timezone, @Nullable QuietHours quietHours, int digestMinutes,
                          Map<String, Map<Channel, Boolean>> channels) {

    public static final String ANY_KIND = "*";
    public static final int MAX_DIGEST_MINUTES = 1440;
    /** The notification kind syntax (as intake validates it). */
    public static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    public Preferences {
        channels = Map.copyOf(channels);
    }

    public static Preferences defaults() {
        return new Preferences(null, null, 0, Map.of());
    }

    /** Whether {@code channel} is switched on for notifications of {@code kind}. */
    public boolean allows(String kind, Channel channel) {
        if (channel == Channel.IN_APP) {
            return true;
        }
        Boolean forKind = channels.getOrDefault(kind, Map.of()).get(channel);
        if (forKind != null) {
            return forKind;
        }
        return channels.getOrDefault(ANY_KIND, Map.of()).getOrDefault(channel, true);
    }
}
