package io.taskstream.notification.preference;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.MutableClock;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import io.taskstream.notification.inbox.NotificationView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quiet hours and channel switches end to end (broker, database, delivery worker, GreenMail). The
 * service clock is a {@link MutableClock} moved past the quiet period instead of waiting for it.
 */
@MicronautTest(transactional = false)
class QuietHoursDeliveryTest extends ClockedMailTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    @Test
    void quietHoursDeferTheEmailButNotTheInboxNorACriticalRequest() {
        String user = "quiet-" + UUID.randomUUID();
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu"); // UTC+05:45: local times must really be converted
        ZonedDateTime local = clock.instant().atZone(kathmandu);
        ZonedDateTime quietEnd = local.plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        putPreferences(user, Map.of("timezone", kathmandu.getId(), "quiet_hours",
                Map.of("start", HH_MM.format(local.minusHours(1)), "end", HH_MM.format(quietEnd))));

        request(user, "overdue", "while asleep", false);
        Inbox inbox = inboxOf(user);
        await().atMost(WAIT).until(() -> inbox.all().size() == 1);
        NotificationView stored = inbox.all().get(0);
        assertThat(channel(stored, "in_app").status()).isEqualTo("delivered");
        assertThat(channel(stored, "email").status()).isEqualTo("deferred");
        assertThat(channel(stored, "email").nextAttemptAt()).isEqualTo(quietEnd.toInstant());
        assertThat(inbox.unreadCount().unread()).isEqualTo(1);

        // A critical request ignores quiet hours; once its email is in, the deferred one has had its chance too.
        request(user, "overdue", "the server is on fire", true);
        await().atMost(WAIT).until(() -> mail.subjects(user).contains("the server is on fire"));
        assertThat(mail.subjects(user)).containsExactly("the server is on fire");
        assertThat(channel(inbox.all().get(1), "email").status()).isEqualTo("deferred");

        clock.advance(Duration.between(clock.instant(), quietEnd.toInstant()).plusSeconds(1));
        await().atMost(WAIT).until(() -> mail.subjects(user).size() == 2);
        assertThat(mail.subjects(user)).containsExactlyInAnyOrder("the server is on fire", "while asleep");
        await().atMost(WAIT).until(() -> channel(inbox.all().get(1), "email").status().equals("delivered"));
    }

    @Test
    void aChannelSwitchedOffForAKindIsSkippedVisibly() {
        String user = "off-" + UUID.randomUUID();
        putPreferences(user, Map.of("channels", Map.of("overdue", Map.of("email", false))));
        request(user, "overdue", "not by mail", false);
        request(user, "info", "by mail", false);
        Inbox inbox = inboxOf(user);

        await().atMost(WAIT).until(() -> mail.subjects(user).contains("by mail"));
        await().atMost(WAIT).until(() -> inbox.all().size() == 2);
        NotificationView skipped = inbox.all().stream().filter(n -> n.kind().equals("overdue")).findFirst().orElseThrow();
        assertThat(channel(skipped, "email").status()).isEqualTo("skipped");
        assertThat(channel(skipped, "email").attempts()).isZero();
        assertThat(channel(skipped, "email").nextAttemptAt()).isNull();
        assertThat(channel(skipped, "in_app").status()).isEqualTo("delivered");
        assertThat(mail.subjects(user)).containsExactly("by mail");
    }

    private void request(String user, String kind, String title, boolean critical) {
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.NOTIFICATION_REQUEST), user,
                TestEvents.encode(TestEvents.request(user, kind, title, critical, "in_app", "email")));
    }

    static DeliveryView channel(NotificationView n, String channel) {
        return n.deliveries().stream().filter(d -> d.channel().equals(channel)).findFirst().orElseThrow();
    }
}
