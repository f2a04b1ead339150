package io.taskstream.events.envelope;

import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventType;
import io.taskstream.events.codec.EventTypeRegistry;

import java.time.Instant;

/** Builds envelopes whose type and version always match the registered payload class. */
public final class Envelopes {

    private Envelopes() {
    }

    public static <T extends EventPayload> EventEnvelope<T> create(String producer, String aggregateId,
                                                                     long aggregateVersion, String userId,
                                                                     String actor, String correlationId, String causationId,
                                                                     Instant occurredAt, T data) {
        EventType type = EventTypeRegistry.STANDARD.forPayload(data);
        return new EventEnvelope<>(UuidV7.generate(), type.name(), type.version(), occurredAt, producer,
                correlationId, causationId, aggregateId, aggregateVersion, userId, actor, data);
    }
}
