package io.taskstream.notification.preference;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.Mailbox;
import io.taskstream.notification.MutableClock;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.taskstream.notification.preference.QuietHoursDeliveryTest.channel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Digest windows end to end; the {@link MutableClock} is moved past the window instead of waiting for it. */
@MicronautTest(transactional = false)
class DigestDeliveryTest extends ClockedMailTest {

    @Test
    void remindersInsideADigestWindowArriveAsOneEmail() {
        String user = "digest-" + UUID.randomUUID();
        putPreferences(user, Map.of("digest_minutes", 10));
        List<String> titles = List.of("Water the plants", "Pay the rent", "Call grandma");
        titles.forEach(title -> reminder(user, title));
        Inbox inbox = inboxOf(user);
        await().atMost(WAIT).until(() -> inbox.all().size() == 3);
        List<DeliveryView> waiting = inbox.all().stream().map(n -> channel(n, "email")).toList();
        assertThat(waiting).allSatisfy(d -> assertThat(d.status()).isEqualTo("deferred"));
        assertThat(waiting.stream().map(DeliveryView::nextAttemptAt).distinct()).hasSize(1);

        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.NOTIFICATION_REQUEST), user,
                TestEvents.encode(TestEvents.request(user, "overdue", "marker", "email"))); // not a reminder: sent at once
        await().atMost(WAIT).until(() -> mail.subjects(user).contains("marker"));
        assertThat(mail.subjects(user)).containsExactly("marker");

        clock.advance(Duration.ofMinutes(11));
        await().atMost(WAIT).until(() -> inbox.all().stream().filter(n -> n.kind().equals("reminder"))
                .allMatch(n -> channel(n, "email").status().equals("delivered")));
        List<MimeMessage> digests = mail.to(user).stream().filter(m -> !Mailbox.subject(m).equals("marker")).toList();
        assertThat(digests).hasSize(1);
        assertThat(Mailbox.subject(digests.get(0))).isEqualTo("3 reminders");
        String body = GreenMailUtil.getBody(digests.get(0));
        titles.forEach(title -> assertThat(body).contains("Reminder: " + title));
        List<DeliveryView> merged = inbox.all().stream().filter(n -> n.kind().equals("reminder"))
                .map(n -> channel(n, "email")).toList();
        assertThat(merged.stream().map(DeliveryView::digestOf).distinct()).hasSize(1).doesNotContainNull();
        assertThat(merged).extracting(DeliveryView::attempts).containsOnly(1);
    }

    @Test
    void aSingleReminderInADigestWindowIsANormalEmailAtTheWindowsEnd() {
        String user = "single-" + UUID.randomUUID();
        putPreferences(user, Map.of("digest_minutes", 5));
        reminder(user, "Feed the cat");
        Inbox inbox = inboxOf(user);
        await().atMost(WAIT).until(() -> inbox.all().size() == 1);
        Instant windowEnd = channel(inbox.all().get(0), "email").nextAttemptAt();
        assertThat(windowEnd).isBetween(clock.instant().plusSeconds(240), clock.instant().plusSeconds(301));

        clock.advance(Duration.ofMinutes(6));
        await().atMost(WAIT).until(() -> mail.subjects(user).size() == 1);
        assertThat(mail.subjects(user)).containsExactly("Reminder: Feed the cat");
        await().atMost(WAIT).until(() -> channel(inbox.all().get(0), "email").status().equals("delivered"));
        assertThat(channel(inbox.all().get(0), "email").digestOf()).isNull();
    }

    private void reminder(String user, String title) {
        UUID taskId = UUID.randomUUID();
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(Topics.REMINDERS), taskId.toString(),
                TestEvents.encode(TestEvents.reminder(user, taskId, title, Instant.parse("2026-12-01T09:00:00Z"))));
    }
}
