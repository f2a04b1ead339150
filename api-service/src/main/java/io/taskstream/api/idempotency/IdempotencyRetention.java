package io.taskstream.api.idempotency;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.messaging.jdbc.AgedRows;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets stored responses older than {@code taskstream.idempotency.retention} (default 35 days), a batch of
 * {@code taskstream.idempotency.cleanup-batch} rows per transaction. A key is only worth keeping while its
 * request can still be retried: recurring-service derives its key from the completion event, and may retry
 * that event as long as it can be re-driven from a dead-letter topic (30 days). A key reused after the window
 * makes a new change.
 */
@Singleton
public class IdempotencyRetention {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Duration retention;
    private final int batch;

    IdempotencyRetention(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                         @Value("${taskstream.idempotency.retention:35d}") Duration retention,
                         @Value("${taskstream.idempotency.cleanup-batch:10000}") int batch) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.retention = retention;
        this.batch = batch;
    }

    @Scheduled(fixedDelay = "${taskstream.idempotency.cleanup-interval:1h}", initialDelay = "5m")
    void deleteExpiredResponses() {
        long deleted = deleteOlderThan(Instant.now().minus(retention));
        if (deleted > 0) {
            LOG.info("forgot {} Idempotency-Key responses older than {}", deleted, retention);
        }
    }

    /** Deletes every stored response created before {@code cutoff}, one batch per transaction; returns how many. */
    long deleteOlderThan(Instant cutoff) {
        return AgedRows.deleteOlderThan(jdbc, transactions, "idempotent_request", "created_at", cutoff, batch);
    }
}
