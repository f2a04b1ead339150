package io.taskstream.notification.preference;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Quiet hours on the wire: local times {@code HH:mm} (or {@code HH:mm:ss}); start after end wraps midnight. */
@Serdeable
public record QuietHoursBody(@Nullable String start, @Nullable String end) {

    static QuietHoursBody of(QuietHours quiet) {
        return quiet == null ? null : new QuietHoursBody(quiet.start().toString(), quiet.end().toString());
    }
}
