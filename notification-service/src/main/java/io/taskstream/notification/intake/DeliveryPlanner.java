package io.taskstream.notification.intake;

import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.DeliveryStatus;
import io.taskstream.notification.preference.Preferences;
import io.taskstream.notification.preference.QuietHours;
import io.taskstream.notification.preference.StoredPreferences;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies a user's preferences to a new notification's channels, in this order:
 * <ol>
 * <li>{@code in_app}: {@code delivered} (stored = delivered), always;</li>
 * <li>a channel switched off for the kind: {@code skipped}, never sent;</li>
 * <li>critical: {@code pending}, due now (quiet hours and digests do not apply);</li>
 * <li>a reminder's email with a digest window: {@code deferred} + digest, due when the user's open
 *     window ends, or (no open window) at now + window, moved out of quiet hours;</li>
 * <li>inside quiet hours: {@code deferred} until they end;</li>
 * <li>otherwise {@code pending}, due now.</li>
 * </ol>
 */
final class DeliveryPlanner {

    private DeliveryPlanner() {
    }

    /** @param openDigestWindow the end of the user's open digest window, if any (asked only when needed) */
    static List<PlannedDelivery> plan(NewNotification n, StoredPreferences stored, Instant now,
                                      Supplier<Optional<Instant>> openDigestWindow) {
        Preferences preferences = stored.preferences();
        ZoneId zone = stored.zone();
        QuietHours quiet = preferences.quietHours();
        return n.channels().stream().map(channel -> {
            if (channel == Channel.IN_APP) {
                return new PlannedDelivery(channel, DeliveryStatus.DELIVERED, null, false);
            }
            if (!preferences.allows(n.kind(), channel)) {
                return new PlannedDelivery(channel, DeliveryStatus.SKIPPED, null, false);
            }
            if (n.critical()) {
                return new PlannedDelivery(channel, DeliveryStatus.PENDING, now, false);
            }
            if (channel == Channel.EMAIL && NotificationFactory.REMINDER_KIND.equals(n.kind())
                    && preferences.digestMinutes() > 0) {
                Instant due = openDigestWindow.get().orElseGet(() -> {
                    Instant windowEnd = now.plus(Duration.ofMinutes(preferences.digestMinutes()));
                    return quiet == null ? windowEnd : quiet.notQuiet(windowEnd, zone);
                });
                return new PlannedDelivery(channel, DeliveryStatus.DEFERRED, due, true);
            }
            Optional<Instant> quietEnd = quiet == null ? Optional.empty() : quiet.endIfInside(now, zone);
            return quietEnd.map(end -> new PlannedDelivery(channel, DeliveryStatus.DEFERRED, end, false))
                    .orElseGet(() -> new PlannedDelivery(channel, DeliveryStatus.PENDING, now, false));
        }).toList();
    }
}
