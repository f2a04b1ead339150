package io.taskstream.messaging.consumer;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.taskstream.events.EventPayload;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.codec.EventDecodingException;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.messaging.jdbc.DatabaseFailures;
import io.taskstream.messaging.logging.EventLogContext;
import io.taskstream.messaging.tracing.MessagingTracer;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

/**
 * What every consumer does with a record, written once:
 * <ol>
 *   <li>decode it; a record that cannot be decoded goes to {@code <topic>.dlq} at once;</li>
 *   <li>in one transaction, record (group, event id) in {@code processed_event} and run the handler,
 *       so a redelivered event changes nothing;</li>
 *   <li>retry transient failures with exponential back-off and jitter; after the last attempt, or at
 *       once for a {@link NonRetryableException}, dead-letter it;</li>
 *   <li>while the database is unreachable ({@link DatabaseFailures}), or the handler says a service it needs
 *       is ({@link DependencyUnavailableException}), wait without using up attempts: an outage is nobody's poison.</li>
 * </ol>
 * Each record is processed in a CONSUMER span whose parent is the context in its {@code traceparent}
 * header, with the event's ids in the MDC, so the handler's logs and outbox rows continue the trace.
 * It returns once the record is applied or safely in the DLQ, so the offset may be committed. While
 * the DLQ is unreachable it waits and tries again rather than throwing: micronaut-kafka 5.9's own
 * retry path can skip a record after a rebalance. It throws only when the service is stopping, so
 * the uncommitted record is redelivered after the restart.
 */
@Singleton
public class IdempotentConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final EventCodec codec;
    private final ProcessedEventRepository processed;
    private final DeadLettering deadLettering;
    private final TransactionOperations<Connection> transactions;
    private final ConsumerMetrics metrics;
    private final int maxAttempts;
    private final Duration dependencyWaitLimit;
    private final RetryPause pause;
    private final ShutdownSignal shutdown;
    private final MessagingTracer tracer;

    IdempotentConsumer(EventCodec codec, ProcessedEventRepository processed, DeadLettering deadLettering,
                       TransactionOperations<Connection> transactions, ConsumerMetrics metrics, ShutdownSignal shutdown,
                       MessagingTracer tracer, RetryPause pause,
                       @Value("${taskstream.consumer.max-attempts:5}") int maxAttempts,
                       @Value("${taskstream.consumer.dependency-wait-limit:30m}") Duration dependencyWaitLimit) {
        this.codec = codec;
        this.processed = processed;
        this.deadLettering = deadLettering;
        this.transactions = transactions;
        this.metrics = metrics;
        this.shutdown = shutdown;
        this.tracer = tracer;
        this.pause = pause;
        this.maxAttempts = maxAttempts;
        this.dependencyWaitLimit = dependencyWaitLimit;
    }

    public void process(String group, ConsumerRecord<String, byte[]> record, EventHandler handler) {
        Span span = tracer.startProcess(group, record);
        try (Scope ignored = span.makeCurrent()) {
            metrics.consumed(record.topic(), group);
            EventEnvelope<EventPayload> event = decodeOrDeadLetter(group, record);
            if (event != null) {
                try (EventLogContext log = EventLogContext.of(event)) {
                    apply(group, record, event, handler);
                }
            }
        } finally {
            span.end();
        }
    }

    /** @return the event, or null if the record could not be decoded and is now in the DLQ */
    EventEnvelope<EventPayload> decodeOrDeadLetter(String group, ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope<EventPayload> event = codec.decode(record.value());
            MessagingTracer.describe(event);
            return event;
        } catch (EventDecodingException e) {
            deadLettering.undecodable(group, record, e);
            return null;
        } catch (RuntimeException e) { // a codec bug: the record stays visible in the DLQ instead of stalling the partition
            LOG.error("{} could not decode the record at {}-{}@{}", group, record.topic(), record.partition(), record.offset(), e);
            deadLettering.undecodable(group, record, e);
            return null;
        }
    }

    /** Applies one decoded event with retries; dead-letters it when they run out. */
    void apply(String group, ConsumerRecord<String, byte[]> record, EventEnvelope<EventPayload> event,
               EventHandler handler) {
        long started = System.nanoTime();
        Instant firstFailure = null;
        Instant dependencyDownSince = null;
        int outageWaits = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = transactions.executeWrite(status -> {
                    if (!processed.markProcessed(group, event.eventId(), ProcessedEventRepository.positionFor(group, record))) {
                        return false;
                    }
                    handler.handle(event, record);
                    return true;
                });
                MessagingTracer.outcome(applied ? "applied" : "duplicate");
                if (applied) {
                    metrics.succeeded(record.topic(), group, Duration.ofNanos(System.nanoTime() - started));
                } else {
                    metrics.duplicate(record.topic(), group);
                    LOG.debug("{} ignored duplicate {} {}", group, event.eventType(), event.eventId());
                }
                return;
            } catch (Exception | Error e) { // checked too: the transaction template rethrows them unwrapped
                rethrowFatal(e);
                Throwable cause = unwrap(e);
                Instant now = Instant.now();
                firstFailure = firstFailure == null ? now : firstFailure;
                if (dependencyDownSince == null && DependencyUnavailableException.isIn(cause)) {
                    dependencyDownSince = now; // the limit counts this outage only, not a database wait before it
                }
                Duration dependencyDown = dependencyDownSince == null ? Duration.ZERO : Duration.between(dependencyDownSince, now);
                String outage = outage(cause, dependencyDown);
                if (outage != null) {
                    outageWaits++;
                    attempt--; // not this record's fault: it must not be dead-lettered for an outage
                    waitOutOutage(group, record, event, outage, cause, outageWaits);
                    continue;
                }
                if (cause instanceof NonRetryableException || attempt >= maxAttempts) {
                    deadLettering.failed(group, record, event.eventId(), cause, attempt, firstFailure, now);
                    return;
                }
                if (shutdown.stopping()) { // not committed: the next owner of the partition tries again
                    throw new IllegalStateException(group + " is stopping; " + event.eventId() + " is left for redelivery", cause);
                }
                Duration wait = pause.backoff(attempt);
                metrics.retried(record.topic(), group);
                Span.current().recordException(cause); // one exception event per failed attempt
                LOG.warn("{} failed on {} {} (attempt {}/{}), retrying in {} ms: {}", group, event.eventType(),
                        event.eventId(), attempt, maxAttempts, wait.toMillis(), cause.toString());
                pause.sleep(wait);
            }
        }
    }

    /** What is unreachable, when {@code cause} is an outage rather than the record's fault; else null. */
    private String outage(Throwable cause, Duration failingFor) {
        if (DependencyUnavailableException.isIn(cause)) {
            // Past the limit the attempts count again, then the DLQ (re-drivable): a service down that long, or a
            // request it can never answer (one that always times out), must not hold the partition for ever.
            return failingFor.compareTo(dependencyWaitLimit) < 0 ? "a service it needs is unavailable" : null;
        }
        return DatabaseFailures.isUnavailable(cause) && !databaseAnswers() ? "database unavailable" : null;
    }

    /**
     * Whether the database takes a new transaction now. A connection-class failure while it does was
     * caused by the record (say a statement the driver cannot send), so it uses up attempts as any
     * other failure and ends in the DLQ rather than stalling the partition forever.
     */
    private boolean databaseAnswers() {
        try {
            return transactions.executeRead(status -> status.getConnection().isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The partition waits while the database or a needed service is unreachable; gives up only when the service stops. */
    private void waitOutOutage(String group, ConsumerRecord<String, byte[]> record, EventEnvelope<EventPayload> event,
                               String outage, Throwable cause, int waits) {
        if (shutdown.stopping()) {
            throw new IllegalStateException(group + " is stopping; " + event.eventId() + " is left for redelivery", cause);
        }
        Duration wait = pause.backoff(waits + 2);
        metrics.retried(record.topic(), group);
        if (waits == 1 || waits % 10 == 0) {
            LOG.warn("{}: {} while applying {} {} (wait {}), the partition waits {} ms: {}", group, outage,
                    event.eventType(), event.eventId(), waits, wait.toMillis(), cause.toString());
        }
        pause.sleep(wait);
    }

    /**
     * A handler's Error (a StackOverflowError on one odd event, a LinkageError) is that event's
     * failure, retried and dead-lettered like any other, so it cannot end the poll loop. Only an
     * OutOfMemoryError or ThreadDeath goes on up.
     */
    static void rethrowFatal(Throwable e) {
        if (e instanceof OutOfMemoryError || e instanceof ThreadDeath) {
            throw (Error) e;
        }
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof io.micronaut.transaction.exceptions.TransactionException
                || t.getClass() == RuntimeException.class || t instanceof java.lang.reflect.UndeclaredThrowableException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
