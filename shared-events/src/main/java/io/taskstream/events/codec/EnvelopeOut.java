package io.taskstream.events.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.UUID;

/**
 * The wire form of an envelope being encoded: {@link EnvelopeJson}'s fields, with the typed payload written
 * straight into {@code data} by the serializer of its runtime type (no intermediate JSON tree).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record EnvelopeOut(
        @Nullable UUID eventId,
        @Nullable String eventType,
        int schemaVersion,
        @Nullable Instant occurredAt,
        @Nullable String producer,
        @Nullable String correlationId,
        @Nullable String causationId,
        @Nullable String aggregateId,
        long aggregateVersion,
        @Nullable String userId,
        @Nullable String actor,
        @Nullable Object data) {
}
