package io.taskstream.audit.log;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/** One stored task event. */
@MappedEntity("audit_log")
public record AuditEntry(
        @Id @GeneratedValue @Nullable Long id,
        UUID eventId,
        String eventType,
        int schemaVersion,
        String taskId,
        String userId,
        @Nullable String actor,
        long aggregateVersion,
        Instant occurredAt,
        String producer,
        @Nullable String correlationId,
        @Nullable String causationId,
        @TypeDef(type = DataType.JSON) String payload,
        @Nullable Instant recordedAt,
        @Nullable String prevHash,
        String hash) {
}
