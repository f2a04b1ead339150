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

    /**
     * Serializes writers of one user's chain for the rest of the transaction, so two entries of
     * the same user can never both link to the same predecessor.
     */
    @Query(value = "SELECT 1 FROM pg_advisory_xact_lock(hashtext('audit:' || :userId))", nativeQuery = true)
    int lockChain(String userId);

    /** Stores an event once, linked to the user's previous entry; a repeat is a no-op. @return rows inserted */
    @Query(value = """
            INSERT INTO audit_log (event_id, event_type, schema_version, task_id, user_id, aggregate_version,
                                   occurred_at, producer, correlation_id, causation_id, payload, prev_hash, hash)
            SELECT :eventId, :eventType, :schemaVersion, :taskId, :userId, :aggregateVersion, :occurredAt, :producer,
                   :correlationId, :causationId, CAST(:payload AS jsonb), prev.hash,
                   audit_entry_hash(prev.hash, :eventId, :eventType, :schemaVersion, :taskId, :userId, :aggregateVersion,
                                    :occurredAt, :producer, :correlationId, :causationId, CAST(:payload AS jsonb))
            FROM (SELECT (SELECT hash FROM audit_log WHERE user_id = :userId ORDER BY id DESC LIMIT 1) AS hash) prev
            ON CONFLICT (event_id) DO NOTHING""", nativeQuery = true)
    int insertOnce(UUID eventId, String eventType, int schemaVersion, String taskId, String userId,
                   long aggregateVersion, Instant occurredAt, String producer, @Nullable String correlationId,
                   @Nullable String causationId, String payload);

    List<AuditEntry> findByTaskIdOrderByAggregateVersionAsc(String taskId);

    List<AuditEntry> findByTaskIdAndUserIdOrderByAggregateVersionAsc(String taskId, String userId);
}
