package io.taskstream.notification.intake;

import io.micronaut.context.annotation.Value;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.notification.delivery.Channel;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * The consumer's side effect: validate the event and store its notification. The channels used
 * when a request names none (and for reminders) come from
 * {@code taskstream.notifications.default-channels}; the user's preferences then switch channels
 * off, defer them (quiet hours) or hold reminder emails for a digest ({@link DeliveryPlanner}).
 */
@Singleton
class NotificationIntake {

    private final NotificationWriter writer;
    private final List<Channel> defaultChannels;

    NotificationIntake(NotificationWriter writer,
                       @Value("${taskstream.notifications.default-channels:in_app}") List<String> defaultChannels) {
        this.writer = writer;
        this.defaultChannels = defaultChannels.stream().map(String::strip)
                .map(name -> Channel.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(
                        "taskstream.notifications.default-channels: unknown channel '" + name
                                + "' (in_app, email, sms)")))
                .toList();
    }

    void handle(EventEnvelope<EventPayload> event, ConsumerRecord<String, byte[]> record) {
        writer.store(NotificationFactory.from(event, defaultChannels));
    }
}
