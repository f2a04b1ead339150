package io.taskstream.notification.intake;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.notification.Inbox;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.inbox.DeliveryView;
import io.taskstream.notification.inbox.NotificationView;
import jakarta.inject.Inject;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Requests and reminders on the real broker become stored notifications, once per event. */
@MicronautTest(transactional = false)
class NotificationIntakeTest extends RealInfrastructureTest {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void aRequestDeliveredTwiceIsStoredOnce() {
        String user = "dup-" + UUID.randomUUID();
        byte[] request = TestEvents.encode(TestEvents.request(user, "overdue", "first", "in_app", "email"));
        send(Topics.NOTIFICATION_REQUEST, user, request);
        send(Topics.NOTIFICATION_REQUEST, user, request);
        // The same key keeps one partition's order: once the marker is stored, both copies were consumed.
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(TestEvents.request(user, "overdue", "marker")));
        Inbox inbox = inboxOf(user);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().stream().anyMatch(n -> n.title().equals("marker")));
        assertThat(inbox.all()).extracting(NotificationView::title).containsExactly("marker", "first");
        NotificationView first = inbox.all().get(1);
        assertThat(first.kind()).isEqualTo("overdue");
        assertThat(first.message()).isEqualTo("about first");
        assertThat(first.channels()).containsExactly("in_app", "email");
        assertThat(first.deliveries()).extracting(DeliveryView::channel, DeliveryView::status, DeliveryView::attempts)
                .containsExactly(Tuple.tuple("in_app", "delivered", 1),
                        Tuple.tuple("email", "pending", 0));
        assertThat(first.deliveries().get(0).deliveredAt()).isNotNull();
        assertThat(first.deliveries().get(1).deliveredAt()).isNull();
        assertThat(first.deliveries().get(1).nextAttemptAt()).isNotNull();
    }

    @Test
    void theUniqueSourceEventStopsARepeatEvenWithoutTheProcessedLedger() {
        String user = "ledger-" + UUID.randomUUID();
        EventEnvelope<NotificationRequested> event = TestEvents.request(user, "overdue", "once", "in_app");
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(event));
        Inbox inbox = inboxOf(user);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 1);

        int forgotten = transactions.executeWrite(status -> {
            try (PreparedStatement forget = status.getConnection()
                    .prepareStatement("DELETE FROM messaging.processed_event WHERE event_id = ?")) {
                forget.setObject(1, event.eventId());
                return forget.executeUpdate();
            }
        });
        assertThat(forgotten).isEqualTo(1);
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(event));
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(TestEvents.request(user, "overdue", "marker")));

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() >= 2);
        assertThat(inbox.all()).extracting(NotificationView::title).containsExactly("marker", "once");
    }

    @Test
    void aReminderBecomesAReminderNotificationLinkedToItsTask() {
        String user = "rem-" + UUID.randomUUID();
        UUID taskId = UUID.randomUUID();
        Instant due = Instant.parse("2026-11-24T09:00:00Z");
        send(Topics.REMINDERS, taskId.toString(), TestEvents.encode(TestEvents.reminder(user, taskId, "Water the plants", due)));
        Inbox inbox = inboxOf(user);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 1);
        NotificationView reminder = inbox.all().get(0);
        assertThat(reminder.kind()).isEqualTo("reminder");
        assertThat(reminder.title()).isEqualTo("Reminder: Water the plants");
        assertThat(reminder.message()).isEqualTo("'Water the plants' is due at 2026-11-24T09:00:00Z");
        assertThat(reminder.taskId()).isEqualTo(taskId);
        assertThat(reminder.link()).isEqualTo("/tasks/" + taskId);
        assertThat(reminder.critical()).isFalse();
        assertThat(reminder.channels()).containsExactly("in_app", "email");
        assertThat(reminder.readAt()).isNull();
    }

    @Test
    void aRequestWithoutChannelsUsesTheDefaultsAndInAppIsAlwaysStored() {
        String user = "chan-" + UUID.randomUUID();
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(TestEvents.request(user, "next_occurrence", "defaults")));
        send(Topics.NOTIFICATION_REQUEST, user, TestEvents.encode(TestEvents.request(user, "overdue", "sms only", "sms")));
        Inbox inbox = inboxOf(user);

        await().atMost(Duration.ofSeconds(30)).until(() -> inbox.all().size() == 2);
        List<NotificationView> all = inbox.all();
        assertThat(all).extracting(NotificationView::title).containsExactly("sms only", "defaults");
        assertThat(all.get(0).channels()).containsExactly("in_app", "sms");
        assertThat(all.get(0).deliveries()).extracting(DeliveryView::status).containsExactly("delivered", "pending");
        assertThat(all.get(1).channels()).containsExactly("in_app", "email");
    }

    private void send(String topic, String key, byte[] value) {
        new KafkaTestClient(infrastructure.bootstrapServers()).send(topic(topic), key, value);
    }

    private Inbox inboxOf(String user) {
        return new Inbox(http.toBlocking(), tokenFor(user));
    }
}
