package io.taskstream.notification.intake;

import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;
import io.taskstream.messaging.consumer.NonRetryableException;
import io.taskstream.notification.delivery.Channel;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a consumed event into the notification to store, or rejects it with a
 * {@link NonRetryableException} (dead-lettered at once) when it can never be valid here.
 * {@code in_app} is always among the channels: the inbox is the record of everything a user was told.
 */
final class NotificationFactory {

    static final String REMINDER_KIND = "reminder";
    static final int MAX_TITLE = 500;
    static final int MAX_MESSAGE = 10_000;
    static final int MAX_USER_ID = 200;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private NotificationFactory() {
    }

    static NewNotification from(EventEnvelope<EventPayload> event, List<Channel> defaultChannels) {
        if (event.data() instanceof NotificationRequested request) {
            return fromRequest(event, request, defaultChannels);
        }
        if (event.data() instanceof ReminderDue reminder) {
            return fromReminder(event, reminder, defaultChannels);
        }
        throw invalid(event, "is not a notification request or a reminder");
    }

    private static NewNotification fromRequest(EventEnvelope<EventPayload> event, NotificationRequested request,
                                               List<Channel> defaultChannels) {
        String userId = requireUser(event, request.userId());
        if (request.kind() == null || !KIND.matcher(request.kind()).matches()) {
            throw invalid(event, "has kind " + request.kind() + " (expected " + KIND.pattern() + ")");
        }
        if (request.title() == null || request.title().isBlank() || request.title().length() > MAX_TITLE) {
            throw invalid(event, "needs a title of 1.." + MAX_TITLE + " characters");
        }
        String message = Objects.requireNonNullElse(request.message(), "");
        if (message.length() > MAX_MESSAGE) {
            throw invalid(event, "has a message longer than " + MAX_MESSAGE + " characters");
        }
        Set<Channel> channels = new LinkedHashSet<>();
        channels.add(Channel.IN_APP);
        if (request.channels().isEmpty()) {
            channels.addAll(defaultChannels);
        }
        for (String name : request.channels()) {
            channels.add(Channel.fromWireName(name)
                    .orElseThrow(() -> invalid(event, "asks for unknown channel " + name)));
        }
        return new NewNotification(userId, request.kind(), request.title().strip(), message, request.taskId(),
                List.copyOf(channels), request.critical(), event.eventId(), event.eventType());
    }

    private static NewNotification fromReminder(EventEnvelope<EventPayload> event, ReminderDue reminder,
                                                List<Channel> defaultChannels) {
        String userId = requireUser(event, reminder.userId());
        if (reminder.taskId() == null) {
            throw invalid(event, "is a reminder without a task_id");
        }
        String taskTitle = reminder.title() == null || reminder.title().isBlank() ? "a task" : reminder.title().strip();
        String title = "Reminder: " + taskTitle;
        if (title.length() > MAX_TITLE) {
            title = title.substring(0, MAX_TITLE - 1) + "…";
        }
        String message = reminder.dueAt() == null ? "Reminder for " + taskTitle
                : "'" + taskTitle + "' is due at " + reminder.dueAt();
        Set<Channel> channels = new LinkedHashSet<>();
        channels.add(Channel.IN_APP);
        channels.addAll(defaultChannels);
        return new NewNotification(userId, REMINDER_KIND, title, message, reminder.taskId(), List.copyOf(channels),
                false, event.eventId(), event.eventType());
    }

    /** The payload's user; the envelope's user, when present, must be the same one. */
    private static String requireUser(EventEnvelope<EventPayload> event, String userId) {
        if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID) {
            throw invalid(event, "has no valid user_id");
        }
        if (event.userId() != null && !event.userId().equals(userId)) {
            throw invalid(event, "names user " + userId + " in data but " + event.userId() + " in the envelope");
        }
        return userId;
    }

    private static NonRetryableException invalid(EventEnvelope<EventPayload> event, String why) {
        return new NonRetryableException(event.eventType() + " " + event.eventId() + " " + why);
    }
}
