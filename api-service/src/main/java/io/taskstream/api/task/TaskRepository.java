package io.taskstream.api.task;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TaskRepository extends CrudRepository<Task, UUID> {

    Optional<Task> findByIdAndUserId(UUID id, String userId);

    boolean existsByUserIdAndSeriesId(String userId, UUID seriesId);

    /** Locks the row for the rest of the transaction, so changes to one task are serialized. */
    @Query(value = "SELECT * FROM task WHERE id = :id AND user_id = :userId FOR UPDATE", nativeQuery = true)
    Optional<Task> lockForUpdate(UUID id, String userId);
}
