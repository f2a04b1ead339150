package io.taskstream.notification.preference;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.taskstream.notification.delivery.Channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's preferences as served: {@code timezone} is the user's own choice (null = none),
 * {@code effective_timezone} the one quiet hours use; {@code channels} always holds {@code *} with
 * every channel (true unless switched off), then each kind with its own switches.
 * {@code updated_at} is null while the defaults apply.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PreferencesView(String userId, @Nullable String timezone, String effectiveTimezone,
                              @Nullable QuietHoursBody quietHours, int digestMinutes,
                              Map<String, Map<String, Boolean>> channels, @Nullable Instant updatedAt) {

    static PreferencesView of(String userId, StoredPreferences stored) {
        Preferences p = stored.preferences();
        Map<String, Map<String, Boolean>> channels = new LinkedHashMap<>();
        Map<String, Boolean> defaults = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            defaults.put(channel.wireName(), p.allows(Preferences.ANY_KIND, channel));
        }
        channels.put(Preferences.ANY_KIND, defaults);
        new TreeMap<>(p.channels()).forEach((kind, switches) -> {
            if (!kind.equals(Preferences.ANY_KIND)) {
                Map<String, Boolean> wire = new LinkedHashMap<>();
                switches.forEach((channel, on) -> wire.put(channel.wireName(), on));
                channels.put(kind, wire);
            }
        });
        return new PreferencesView(userId, p.timezone(), stored.zoneName(), QuietHoursBody.of(p.quietHours()),
                p.digestMinutes(), channels, stored.updatedAt());
    }
}
