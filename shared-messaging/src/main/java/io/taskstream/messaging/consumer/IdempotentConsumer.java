package io.taskstream.messaging.consumer;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.events.envelope.EventEnvelope;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every consumer does with a record, written once:
 * <ol>
 *   <li>decode it; a record that cannot be decoded goes to {@code <topic>.dlq} at once;</li>
 *   <li>in one transaction, record (group, event id) in {@code processed_event} and run the handler,
 *       so a redelivered event changes nothing;</li>
 *   <li>retry transient failures with exponential back-off and jitter; after the last attempt, or at
 *       once for a {@link NonRetryableException}, dead-letter it.</li>
 * </ol>
 * It returns normally once the record is applied or safely in the DLQ, so the offset may be
 * committed; it throws only if the DLQ itself is unavailable (then the record must be redelivered).
 */
@Singleton
public class IdempotentConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final EventCodec codec;
    private final ProcessedEventRepository processed;
    private final DeadLetterPublisher deadLetters;
    private final TransactionOperations<Connection> transactions;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    IdempotentConsumer(EventCodec codec, ProcessedEventRepository processed, DeadLetterPublisher deadLetters,
                       TransactionOperations<Connection> transactions,
                       @Value("${taskstream.consumer.max-attempts:5}") int maxAttempts,
                       @Value("${taskstream.consumer.initial-backoff:200ms}") Duration initialBackoff,
                       @Value("${taskstream.consumer.max-backoff:5s}") Duration maxBackoff) {
        this.codec = codec;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public void process(String group, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        EventEnvelope<EventPayload> event;
        try {
            event = codec.decode(record.value());
        } catch (EventDecodingException e) {
            Instant now = Instant.now();
            deadLetters.publish(record, group, e, 1, now, now);
            return;
        }
        Instant firstFailure = null;
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = transactions.executeWrite(status -> {
                    if (!processed.markProcessed(group, event.eventId())) {
                        return false;
                    }
                    handler.handle(event, record);
                    return true;
                });
                if (!applied) {
                    LOG.debug("{} ignored duplicate {} {}", group, event.eventType(), event.eventId());
                }
                return;
            } catch (RuntimeException e) {
                Throwable cause = unwrap(e);
                Instant now = Instant.now();
                firstFailure = firstFailure == null ? now : firstFailure;
                if (cause instanceof NonRetryableException || attempt >= maxAttempts) {
                    deadLetters.publish(record, group, cause, attempt, firstFailure, now);
                    return;
                }
                Duration pause = backoff(attempt);
                LOG.warn("{} failed on {} {} (attempt {}/{}), retrying in {} ms: {}", group, event.eventType(),
                        event.eventId(), attempt, maxAttempts, pause.toMillis(), cause.toString());
                sleep(pause);
            }
        }
    }

    /** Exponential with full jitter: a random pause up to initial * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private static Throwable unwrap(RuntimeException e) {
        Throwable t = e;
        while ((t instanceof io.micronaut.transaction.exceptions.TransactionException
                || t.getClass() == RuntimeException.class || t instanceof java.lang.reflect.UndeclaredThrowableException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between retries", e);
        }
    }
}
