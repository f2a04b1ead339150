package io.taskstream.messaging.logging;

import io.taskstream.events.envelope.EventEnvelope;
import org.slf4j.MDC;

/**
 * Puts the event a consumer is applying into the MDC ({@value #EVENT_ID}, {@value #EVENT_TYPE},
 * {@value #TASK_ID}: the aggregate, which is a task for every event type so far); closing restores
 * what was there. Trace ids come from {@link TraceIdMdcFilter}.
 */
public final class EventLogContext implements AutoCloseable {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String TASK_ID = "task_id";
    private static final String[] KEYS = {EVENT_ID, EVENT_TYPE, TASK_ID};

    private final String[] previous = new String[KEYS.length];

    private EventLogContext(EventEnvelope<?> event) {
        for (int i = 0; i < KEYS.length; i++) {
            previous[i] = MDC.get(KEYS[i]);
        }
        put(EVENT_ID, event.eventId().toString());
        put(EVENT_TYPE, event.eventType());
        put(TASK_ID, event.aggregateId());
    }

    public static EventLogContext of(EventEnvelope<?> event) {
        return new EventLogContext(event);
    }

    @Override
    public void close() {
        for (int i = 0; i < KEYS.length; i++) {
            put(KEYS[i], previous[i]);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
