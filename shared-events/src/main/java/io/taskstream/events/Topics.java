package io.taskstream.events;

import java.util.List;

/**
 * Default topic names. Services read the actual names from configuration
 * ({@code taskstream.topics.*}) so tests and environments can rename them; these are the defaults.
 */
public final class Topics {

    public static final String TASK_EVENTS = "task-events";
    public static final String TASK_UPDATES = "task-updates";
    public static final String NOTIFICATION_REQUEST = "notification.request";
    public static final String REMINDERS = "reminders";

    /** Suffix of every dead-letter topic: {@code <topic>.dlq}. */
    public static final String DLQ_SUFFIX = ".dlq";
    /**
     * A dead letter is its record plus a few KB of diagnostic headers, so a DLQ (its {@code max.message.bytes})
     * and the dead-letter producer ({@code max.request.size}) take records this much larger than a source
     * topic's default 1 MB: a record at that limit must still fit in its DLQ, not block its partition.
     */
    public static final int DEAD_LETTER_MAX_MESSAGE_BYTES = 1_100_000;

    /** Every primary topic, in a stable order. */
    public static final List<String> ALL = List.of(TASK_EVENTS, TASK_UPDATES, NOTIFICATION_REQUEST, REMINDERS);

    private Topics() {
    }

    /** Configuration prefix for topic names: {@code taskstream.topics.<key>}. */
    public static final String PROPERTY_PREFIX = "taskstream.topics.";

    /** The configuration key that names {@code topic}, e.g. {@code taskstream.topics.notification-request}. */
    public static String property(String topic) {
        return PROPERTY_PREFIX + topic.replace('.', '-');
    }

    public static String deadLetterOf(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Primary topics followed by their dead-letter topics. */
    public static List<String> allWithDeadLetters() {
        return ALL.stream().flatMap(t -> java.util.stream.Stream.of(t, deadLetterOf(t))).toList();
    }
}
