package io.taskstream.notification.intake;

import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;
import io.taskstream.messaging.consumer.NonRetryableException;
import io.taskstream.notification.TestEvents;
import io.taskstream.notification.delivery.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which events become which notifications, and which can never be valid here. */
class NotificationFactoryTest {

    private static final List<Channel> DEFAULTS = List.of(Channel.IN_APP, Channel.EMAIL);

    @Test
    void aRequestKeepsItsFieldsAndAlwaysIncludesInApp() {
        UUID task = UUID.randomUUID();
        EventEnvelope<EventPayload> event = event("bob", new NotificationRequested("bob", "overdue", " Late ", "msg",
                task, List.of("sms", "email", "sms"), true));

        NewNotification n = NotificationFactory.from(event, DEFAULTS);

        assertThat(n).isEqualTo(new NewNotification("bob", "overdue", "Late", "msg", task,
                List.of(Channel.IN_APP, Channel.SMS, Channel.EMAIL), true, event.eventId(), "notification.requested"));
    }

    @Test
    void aReminderWithoutDueTimeStillReadsWell() {
        UUID task = UUID.randomUUID();
        EventEnvelope<EventPayload> event = event(null, new ReminderDue(task, "bob", "", null, Instant.now()));

        NewNotification n = NotificationFactory.from(event, List.of());

        assertThat(n.kind()).isEqualTo("reminder");
        assertThat(n.title()).isEqualTo("Reminder: a task");
        assertThat(n.message()).isEqualTo("Reminder for a task");
        assertThat(n.taskId()).isEqualTo(task);
        assertThat(n.channels()).containsExactly(Channel.IN_APP);
    }

    @Test
    void rejectsWhatCanNeverBeValid() {
        assertRejected(event("bob", request("bob", "Overdue!", "t", List.of())), "kind");
        assertRejected(event("bob", request("bob", "overdue", "  ", List.of())), "title");
        assertRejected(event("bob", request("bob", "overdue", "x".repeat(501), List.of())), "title");
        assertRejected(event("bob", request("bob", "overdue", "t", List.of("fax"))), "unknown channel fax");
        assertRejected(event("eve", request("bob", "overdue", "t", List.of())), "in the envelope");
        assertRejected(event("bob", request("", "overdue", "t", List.of())), "user_id");
        assertRejected(event("bob", new ReminderDue(null, "bob", "t", null, Instant.now())), "task_id");
    }

    private static NotificationRequested request(String user, String kind, String title, List<String> channels) {
        return new NotificationRequested(user, kind, title, "", null, channels, false);
    }

    private static void assertRejected(EventEnvelope<EventPayload> event, String why) {
        assertThatThrownBy(() -> NotificationFactory.from(event, DEFAULTS))
                .isInstanceOf(NonRetryableException.class).hasMessageContaining(why)
                .hasMessageContaining(event.eventId().toString());
    }

    @SuppressWarnings("unchecked")
    private static EventEnvelope<EventPayload> event(String envelopeUser, EventPayload data) {
        return (EventEnvelope<EventPayload>) (EventEnvelope<?>) TestEvents.envelope(envelopeUser, data);
    }
}
