package io.taskstream.audit.query;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.UUID;

/** One {@code audit_log} row as read by the query API; {@code payload} is the JSON text of the event's data. */
record AuditRow(long id, UUID eventId, String eventType, int schemaVersion, String taskId, String userId,
                @Nullable String actor, long aggregateVersion, Instant occurredAt, @Nullable Instant recordedAt,
                String producer, @Nullable String correlationId, @Nullable String causationId, String payload,
                String hash, @Nullable String prevHash) {
}
