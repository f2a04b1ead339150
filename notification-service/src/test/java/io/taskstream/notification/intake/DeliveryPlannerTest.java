package io.taskstream.notification.intake;

import io.taskstream.notification.delivery.Channel;
import io.taskstream.notification.delivery.DeliveryStatus;
import io.taskstream.notification.preference.Preferences;
import io.taskstream.notification.preference.QuietHours;
import io.taskstream.notification.preference.StoredPreferences;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class DeliveryPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-15T22:30:00Z"); // 23:30 in Berlin
    private static final Instant BERLIN_MORNING = Instant.parse("2026-01-16T06:00:00Z");
    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
    private static final Supplier<Optional<Instant>> NO_WINDOW = Optional::empty;

    @Test
    void withoutPreferencesEveryChannelIsDueNow() {
        assertThat(plan(notification("overdue", false), stored(Preferences.defaults()), NO_WINDOW)).containsExactly(
                new PlannedDelivery(Channel.IN_APP, DeliveryStatus.DELIVERED, null, false),
                new PlannedDelivery(Channel.EMAIL, DeliveryStatus.PENDING, NOW, false),
                new PlannedDelivery(Channel.SMS, DeliveryStatus.PENDING, NOW, false));
    }

    @Test
    void aKindSwitchBeatsTheDefaultSwitch() {
        Preferences p = new Preferences(null, null, 0, Map.of(
                "*", Map.of(Channel.SMS, false, Channel.EMAIL, false), "overdue", Map.of(Channel.EMAIL, true)));
        assertThat(statuses(plan(notification("overdue", true), stored(p), NO_WINDOW)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING, DeliveryStatus.SKIPPED);
        assertThat(statuses(plan(notification("info", true), stored(p), NO_WINDOW)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.SKIPPED, DeliveryStatus.SKIPPED);
    }

    @Test
    void quietHoursDeferNonCriticalChannelsToTheirEndInTheUsersZone() {
        Preferences p = new Preferences("Europe/Berlin", NIGHT, 0, Map.of());
        assertThat(plan(notification("overdue", false), stored(p), NO_WINDOW)).containsExactly(
                new PlannedDelivery(Channel.IN_APP, DeliveryStatus.DELIVERED, null, false),
                new PlannedDelivery(Channel.EMAIL, DeliveryStatus.DEFERRED, BERLIN_MORNING, false),
                new PlannedDelivery(Channel.SMS, DeliveryStatus.DEFERRED, BERLIN_MORNING, false));
        assertThat(statuses(plan(notification("overdue", true), stored(p), NO_WINDOW)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING, DeliveryStatus.PENDING);
    }

    @Test
    void theContactsTimezoneAppliesWhenThePreferencesNameNone() {
        Preferences p = new Preferences(null, NIGHT, 0, Map.of());
        assertThat(statuses(plan(notification("overdue", false), new StoredPreferences(p, "Europe/Berlin", NOW), NO_WINDOW)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED, DeliveryStatus.DEFERRED);
        assertThat(statuses(plan(notification("overdue", false), stored(p), NO_WINDOW))) // UTC: 22:30 is quiet too
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.DEFERRED, DeliveryStatus.DEFERRED);
        assertThat(statuses(plan(notification("overdue", false), new StoredPreferences(p, "America/New_York", NOW),
                NO_WINDOW))).containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING, DeliveryStatus.PENDING);
    }

    @Test
    void aReminderEmailJoinsTheOpenDigestWindowOrOpensOneOutsideQuietHours() {
        Preferences p = new Preferences("UTC", new QuietHours(LocalTime.of(22, 40), LocalTime.of(23, 0)), 15, Map.of());
        Instant open = NOW.plusSeconds(60);
        assertThat(plan(notification("reminder", false), stored(p), () -> Optional.of(open)).get(1))
                .isEqualTo(new PlannedDelivery(Channel.EMAIL, DeliveryStatus.DEFERRED, open, true));
        // no open window: 22:45 would be quiet, so the window ends at 23:00
        assertThat(plan(notification("reminder", false), stored(p), NO_WINDOW).get(1))
                .isEqualTo(new PlannedDelivery(Channel.EMAIL, DeliveryStatus.DEFERRED, Instant.parse("2026-01-15T23:00:00Z"), true));
        assertThat(plan(notification("reminder", false), stored(p), NO_WINDOW).get(2).digest()).isFalse();
    }

    @Test
    void otherKindsAndCriticalOnesNeverAskForADigestWindow() {
        Preferences p = new Preferences(null, null, 15, Map.of());
        Supplier<Optional<Instant>> mustNotAsk = () -> fail("asked for the digest window");
        assertThat(statuses(plan(notification("overdue", false), stored(p), mustNotAsk)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING, DeliveryStatus.PENDING);
        assertThat(statuses(plan(notification("reminder", true), stored(p), mustNotAsk)))
                .containsExactly(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING, DeliveryStatus.PENDING);
    }

    private static List<PlannedDelivery> plan(NewNotification n, StoredPreferences p, Supplier<Optional<Instant>> window) {
        return DeliveryPlanner.plan(n, p, NOW, window);
    }

    private static StoredPreferences stored(Preferences p) {
        return new StoredPreferences(p, null, NOW);
    }

    private static List<DeliveryStatus> statuses(List<PlannedDelivery> plan) {
        return plan.stream().map(PlannedDelivery::status).toList();
    }

    private static NewNotification notification(String kind, boolean critical) {
        return new NewNotification("u1", kind, "t", "m", null, List.of(Channel.IN_APP, Channel.EMAIL, Channel.SMS),
                critical, UUID.randomUUID(), "notification.requested");
    }
}
