package io.taskstream.notification;

import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Encoded events for tests, each with a fresh event id, built with the real codec. */
public final class TestEvents {

    private static final EventCodec CODEC = EventCodec.standalone();

    private TestEvents() {
    }

    public static EventEnvelope<NotificationRequested> request(String userId, String kind, String title,
                                                               String... channels) {
        return envelope(userId, new NotificationRequested(userId, kind, title, "about " + title, null,
                List.of(channels), false));
    }

    public static EventEnvelope<NotificationRequested> request(String userId, String kind, String title, boolean critical,
                                                               String... channels) {
        return envelope(userId, new NotificationRequested(userId, kind, title, "about " + title, null,
                List.of(channels), critical));
    }

    public static EventEnvelope<ReminderDue> reminder(String userId, UUID taskId, String title, Instant dueAt) {
        return envelope(userId, new ReminderDue(taskId, userId, title, dueAt, dueAt.minusSeconds(1800)));
    }

    public static <T extends EventPayload> EventEnvelope<T> envelope(String envelopeUser, T data) {
        return Envelopes.create("recurring-service", UUID.randomUUID().toString(), 0, envelopeUser, "recurring-service",
                "test-" + UUID.randomUUID(), null, Instant.now(), data);
    }

    public static byte[] encode(EventEnvelope<?> envelope) {
        return CODEC.encode(envelope);
    }
}
