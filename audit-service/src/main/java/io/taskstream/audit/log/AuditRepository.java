package io.taskstream.audit.log;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends GenericRepository<AuditEntry, Long> {

    /** Stores an event once; a redelivery of the same event id is a no-op. @return rows inserted */
    @Query(value = """
            INSERT INTO audit_log (event_id, event_type, schema_version, task_id, user_id, aggregate_version,
                                   occurred_at, producer, correlation_id, causation_id, payload)
            VALUES (:eventId, :eventType, :schemaVersion, :taskId, :userId, :aggregateVersion,
                    :occurredAt, :producer, :correlationId, :causationId, CAST(:payload AS jsonb))
            ON CONFLICT (event_id) DO NOTHING""", nativeQuery = true)
    int insertOnce(UUID eventId, String eventType, int schemaVersion, String taskId, String userId,
                   long aggregateVersion, Instant occurredAt, String producer, @Nullable String correlationId,
                   @Nullable String causationId, String payload);

    List<AuditEntry> findByTaskIdOrderByAggregateVersionAsc(String taskId);

    List<AuditEntry> findByTaskIdAndUserIdOrderByAggregateVersionAsc(String taskId, String userId);
}
