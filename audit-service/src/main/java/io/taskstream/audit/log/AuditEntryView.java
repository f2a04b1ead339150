package io.taskstream.audit.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.UUID;

/**
 * An audit entry as the query API and the exports return it. Every property is always written
 * (null when unknown), so each NDJSON line and page item has the same shape.
 *
 * @param actor   who made the change; null for entries recorded before the actor was captured
 * @param changes the field diff of a {@code task.updated} ({@code [{field, from, to}]}, values as JSON
 *                text); an empty array for other event types
 * @param data    the event's payload as it was received
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuditEntryView(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String taskId,
        String userId,
        @Nullable String actor,
        long aggregateVersion,
        Instant occurredAt,
        @Nullable Instant recordedAt,
        String producer,
        @Nullable String correlationId,
        @Nullable String causationId,
        JsonNode changes,
        JsonNode data,
        String hash,
        @Nullable String prevHash) {
}
