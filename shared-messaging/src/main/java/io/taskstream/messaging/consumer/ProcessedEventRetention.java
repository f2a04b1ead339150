package io.taskstream.messaging.consumer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.messaging.jdbc.AgedRows;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the {@code processed_event} ledger bounded: rows older than {@code taskstream.consumer.processed-retention}
 * (default 35 days) are deleted, in batches of {@code taskstream.consumer.processed-cleanup-batch} rows per
 * transaction so no delete holds locks for long. The window must outlast every way an already applied event can
 * come back: the topics' retention (7 days) for an offset reset or replay, and the dead-letter topics' (30 days)
 * for a re-drive of a duplicate copy. An event older than the window is applied again if it returns.
 */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "taskstream.messaging.schema.enabled", notEquals = "false")
public class ProcessedEventRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessedEventRetention.class);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final Duration retention;
    private final int batch;

    ProcessedEventRetention(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                            @Value("${taskstream.consumer.processed-retention:35d}") Duration retention,
                            @Value("${taskstream.consumer.processed-cleanup-batch:10000}") int batch) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.retention = retention;
        this.batch = batch;
    }

    @Scheduled(fixedDelay = "${taskstream.consumer.processed-cleanup-interval:1h}", initialDelay = "5m")
    void deleteExpiredRows() {
        long deleted = deleteOlderThan(Instant.now().minus(retention));
        if (deleted > 0) {
            LOG.info("deleted {} processed_event rows older than {}", deleted, retention);
        }
    }

    /** Deletes every ledger row processed before {@code cutoff}, one batch per transaction; returns how many. */
    long deleteOlderThan(Instant cutoff) {
        return AgedRows.deleteOlderThan(jdbc, transactions, "messaging.processed_event", "processed_at", cutoff, batch);
    }
}
