package io.taskstream.audit.log;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditRepository extends GenericRepository<AuditEntry, Long> {

    /**
     * Serializes writers of one user's chain for the rest of the transaction, so two entries of
     * the same user can never both link to the same predecessor.
     */
    @Query(value = "SELECT 1 FROM pg_advisory_xact_lock(hashtext('audit:' || :userId))", nativeQuery = true)
    int lockChain(String userId);

    List<AuditEntry> findByTaskIdOrderByAggregateVersionAsc(String taskId);
}
