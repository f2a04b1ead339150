package io.taskstream.messaging.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OutboxRepository extends CrudRepository<OutboxMessage, Long> {


    @Query(value = "SELECT count(*) FROM messaging.outbox_message WHERE sent_at IS NULL", nativeQuery = true)
    long countUnsent();

    @Query(value = "SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM messaging.outbox_message "
            + "WHERE sent_at IS NULL", nativeQuery = true)
    double oldestUnsentAgeSeconds();

    @Query(value = "DELETE FROM messaging.outbox_message WHERE sent_at < :before", nativeQuery = true)
    int deleteSentBefore(Instant before);
}
