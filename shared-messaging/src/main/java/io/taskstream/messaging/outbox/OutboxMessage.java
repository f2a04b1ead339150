package io.taskstream.messaging.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One event waiting in (or already published from) the outbox, with the W3C trace context of the
 * transaction that wrote it (null when none was active).
 */
@MappedEntity(value = "outbox_message", schema = "messaging")
public record OutboxMessage(
        @Id @GeneratedValue @Nullable Long id,
        UUID eventId,
        String topic,
        String messageKey,
        String eventType,
        String payload,
        @Nullable String aggregateId,
        long aggregateVersion,
        Instant createdAt,
        @Nullable Instant sentAt,
        @Nullable String traceParent,
        @Nullable String traceState) {
}
