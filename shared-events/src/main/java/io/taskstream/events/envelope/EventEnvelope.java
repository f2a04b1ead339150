package io.taskstream.events.envelope;

import io.taskstream.events.EventPayload;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope every record on every topic carries (ARCHITECTURE §3). The JSON form is written and
 * read by {@link io.taskstream.events.codec.EventCodec}; this type is the decoded, typed view.
 *
 * @param eventId          unique id (UUID v7, time-ordered); consumers de-duplicate on it
 * @param eventType        stable type name such as {@code task.created}, never a Java class name
 * @param schemaVersion    version of the payload schema for this type
 * @param occurredAt       when the change happened (UTC)
 * @param producer         name of the producing service
 * @param correlationId    id of the request or flow that caused this event (may be null)
 * @param causationId      id of the event that directly caused this one (may be null)
 * @param aggregateId      id of the aggregate (a task id for task events)
 * @param aggregateVersion per-aggregate monotonic sequence, starting at 1
 * @param userId           the user the aggregate belongs to
 * @param actor            who made the change (the authenticated subject or a service name); null in
 *                         events written before the field existed
 * @param data             the typed payload
 */
public record EventEnvelope<T extends EventPayload>(
        UUID eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String producer,
        String correlationId,
        String causationId,
        String aggregateId,
        long aggregateVersion,
        String userId,
        String actor,
        T data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(producer, "producer");
        Objects.requireNonNull(data, "data");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
        }
    }

    /** The payload cast to the type the caller expects for this event type. */
    public <P extends EventPayload> P dataAs(Class<P> type) {
        return type.cast(data);
    }
}
