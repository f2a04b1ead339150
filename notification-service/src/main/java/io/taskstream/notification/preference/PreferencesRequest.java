package io.taskstream.notification.preference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.Map;

/**
 * Body of {@code PUT /me/preferences}; replaces everything (an omitted field takes its default:
 * no timezone of one's own, no quiet hours, digest 0, no channel switches).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record PreferencesRequest(@Nullable String timezone, @Nullable QuietHoursBody quietHours,
                                 @Nullable Integer digestMinutes,
                                 @Nullable Map<String, Map<String, Boolean>> channels) {
}
