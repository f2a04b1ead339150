package io.taskstream.events.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.UUID;

/** The wire form of the envelope, with {@code data} still untyped until the registry resolves it. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record EnvelopeJson(
        @Nullable UUID eventId,
        @Nullable String eventType,
        @Nullable Integer schemaVersion,
        @Nullable Instant occurredAt,
        @Nullable String producer,
        @Nullable String correlationId,
        @Nullable String causationId,
        @Nullable String aggregateId,
        @Nullable Long aggregateVersion,
        @Nullable String userId,
        @Nullable String actor,
        @Nullable JsonNode data) {
}
