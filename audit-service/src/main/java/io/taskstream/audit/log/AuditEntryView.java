package io.taskstream.audit.log;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.UUID;

/** An audit entry as the query API returns it. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record AuditEntryView(
        UUID eventId,
        String eventType,
        int schemaVersion,
        String taskId,
        String userId,
        long aggregateVersion,
        Instant occurredAt,
        String producer,
        @Nullable String correlationId,
        @Nullable String causationId,
        JsonNode data,
        @Nullable Instant recordedAt) {
}
