package io.taskstream.messaging.consumer;

import io.micronaut.transaction.TransactionOperations;
import io.taskstream.messaging.consumer.DeadLetterPublisher.DeadLetterUnavailableException;
import io.taskstream.messaging.tracing.MessagingTracer;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How {@link IdempotentConsumer} dead-letters a record: it waits out a broker outage (the record must
 * not be skipped), then marks it in the ledger as dead-lettered, so a redelivered poll (after a rebalance,
 * a restart or a retried batch) skips it instead of putting a second copy in the DLQ. The mark holds the
 * record's position, so a copy from elsewhere (a re-drive) is applied. An undecodable record is marked by an
 * id made from its position.
 */
@Singleton
class DeadLettering {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLettering.class);

    private final DeadLetterPublisher deadLetters;
    private final ProcessedEventRepository processed;
    private final TransactionOperations<Connection> transactions;
    private final ConsumerMetrics metrics;
    private final ShutdownSignal shutdown;
    private final RetryPause pause;

    DeadLettering(DeadLetterPublisher deadLetters, ProcessedEventRepository processed,
                  TransactionOperations<Connection> transactions, ConsumerMetrics metrics, ShutdownSignal shutdown,
                  RetryPause pause) {
        this.deadLetters = deadLetters;
        this.processed = processed;
        this.transactions = transactions;
        this.metrics = metrics;
        this.shutdown = shutdown;
        this.pause = pause;
    }

    /** A record that could not be decoded: once per record. */
    void undecodable(String group, ConsumerRecord<String, byte[]> record, RuntimeException failure) {
        UUID id = UUID.nameUUIDFromBytes(("undecodable " + record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        if (alreadyHandled(group, id)) {
            metrics.duplicate(record.topic(), group);
            MessagingTracer.outcome("duplicate");
            return;
        }
        Instant now = Instant.now();
        publish(record, group, failure, 1, now, now);
        remember(group, id, record);
    }

    /** An event whose handler kept failing (or refused it). */
    void failed(String group, ConsumerRecord<String, byte[]> record, UUID eventId, Throwable failure, int attempts,
                Instant firstFailure, Instant lastFailure) {
        publish(record, group, failure, attempts, firstFailure, lastFailure);
        remember(group, eventId, record);
    }

    /** Publishes to the DLQ, waiting out a broker outage; gives up only when the service stops. */
    private void publish(ConsumerRecord<String, byte[]> record, String group, Throwable failure, int attempts,
                         Instant firstFailure, Instant lastFailure) {
        for (int attempt = 1; ; attempt++) {
            try {
                deadLetters.publish(record, group, failure, attempts, firstFailure, lastFailure);
                metrics.deadLettered(record.topic(), group);
                MessagingTracer.failed(failure, "dead_lettered");
                return;
            } catch (DeadLetterUnavailableException e) {
                if (shutdown.stopping()) {
                    throw e;
                }
                Duration wait = pause.backoff(attempt + 3);
                LOG.error("{} cannot dead-letter {}-{}@{} (try {}), the partition waits {} ms: {}", group,
                        record.topic(), record.partition(), record.offset(), attempt, wait.toMillis(), e.getMessage());
                pause.sleep(wait);
            }
        }
    }

    private void remember(String group, UUID eventId, ConsumerRecord<String, byte[]> record) {
        try {
            String position = ProcessedEventRepository.position(record);
            transactions.executeWrite(status -> processed.markDeadLettered(group, eventId, position));
        } catch (RuntimeException e) {
            LOG.warn("{} could not record dead-lettered {} as handled; a redelivery would dead-letter it again: {}",
                    group, eventId, e.toString());
        }
    }

    /** Whether the ledger has this id; when the database does not answer, no (a second DLQ copy beats none). */
    private boolean alreadyHandled(String group, UUID id) {
        try {
            return transactions.executeRead(status -> processed.seen(group, id));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
