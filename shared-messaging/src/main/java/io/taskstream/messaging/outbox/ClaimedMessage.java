package io.taskstream.messaging.outbox;

import io.micronaut.core.annotation.Nullable;

import java.util.UUID;

/**
 * An outbox row the relay has locked for publishing: what goes into the Kafka record. The payload
 * stays in the bytes PostgreSQL sent (UTF-8), so it is never decoded into a String and encoded back.
 */
record ClaimedMessage(
        long id,
        UUID eventId,
        String topic,
        String messageKey,
        String eventType,
        byte[] payload,
        long aggregateVersion,
        @Nullable String traceParent,
        @Nullable String traceState) {
}
