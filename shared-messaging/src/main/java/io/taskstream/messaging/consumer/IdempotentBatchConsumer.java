package io.taskstream.messaging.consumer;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.messaging.logging.EventLogContext;
import io.taskstream.messaging.tracing.MessagingTracer;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@link IdempotentConsumer} for batch listeners: the whole poll is applied in one transaction
 * (one processed_event insert, one handler call, one commit), which is what makes a batch fast.
 * If that transaction fails, the batch falls back to record-by-record processing, so one bad event
 * is retried and dead-lettered alone while its neighbours are applied.
 * <p>
 * Tracing: one CONSUMER span per record, child of that record's {@code traceparent}, so every
 * request's trace shows its event being applied (a single batch span would belong to one trace
 * and only link to the others). The record spans stay open until the batch transaction has
 * committed. The one handler call for the whole batch runs outside them (it belongs to many
 * traces); with {@link #processEach}, and in the record-by-record fallback, each record's span is
 * current while its event is applied.
 */
@Singleton
public class IdempotentBatchConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentBatchConsumer.class);

    private final IdempotentConsumer single;
    private final ProcessedEventRepository processed;
    private final TransactionOperations<Connection> transactions;
    private final ConsumerMetrics metrics;
    private final MessagingTracer tracer;
    private final Duration fallbackBudget;

    IdempotentBatchConsumer(IdempotentConsumer single, ProcessedEventRepository processed,
                            TransactionOperations<Connection> transactions, ConsumerMetrics metrics,
                            MessagingTracer tracer,
                            @Value("${taskstream.consumer.batch-fallback-budget:120s}") Duration fallbackBudget) {
        this.fallbackBudget = fallbackBudget;
        this.single = single;
        this.processed = processed;
        this.transactions = transactions;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** Returns once every record is applied or in the DLQ; the caller may then commit the batch's offsets. */
    public void process(String group, List<ConsumerRecord<String, byte[]>> records, BatchHandler handler) {
        process(group, records, event -> true, todo -> handler.handle(todo.stream().map(Decoded::event).toList()),
                (event, record) -> handler.handle(List.of(event)));
    }

    /**
     * For a side effect written per event: the poll's fresh events are handled one after the other,
     * in record order, inside the poll's one transaction (one ledger insert, one commit).
     */
    public void processEach(String group, List<ConsumerRecord<String, byte[]>> records, EventHandler handler) {
        processEach(group, records, event -> true, handler);
    }

    /**
     * {@link #processEach(String, List, EventHandler)} for a service that acts on some events only: the
     * events {@code relevant} rejects are counted (outcome {@code skipped}) and nothing else, with no
     * ledger row, so a poll of only such events costs no transaction. Only for events whose handling
     * would change nothing: applying them twice, or never, must be the same.
     */
    public void processEach(String group, List<ConsumerRecord<String, byte[]>> records,
                            Predicate<EventEnvelope<EventPayload>> relevant, EventHandler handler) {
        process(group, records, relevant, todo -> {
            for (Decoded d : todo) {
                // its record's span and ids are current, so its logs and outbox rows continue that trace
                try (Scope ignored = d.span().makeCurrent(); EventLogContext log = EventLogContext.of(d.event())) {
                    handler.handle(d.event(), d.record());
                }
            }
        }, handler);
    }

    private void process(String group, List<ConsumerRecord<String, byte[]>> records,
                         Predicate<EventEnvelope<EventPayload>> relevant, Applier batch, EventHandler one) {
        List<Span> spans = new ArrayList<>(records.size());
        try {
            process(group, records, relevant, batch, one, spans);
        } finally {
            spans.forEach(Span::end);
        }
    }

    private void process(String group, List<ConsumerRecord<String, byte[]>> records,
                         Predicate<EventEnvelope<EventPayload>> relevant, Applier batch, EventHandler one,
                         List<Span> spans) {
        long started = System.nanoTime();
        Map<UUID, Decoded> decoded = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Span span = tracer.startProcess(group, record);
            spans.add(span);
            try (Scope ignored = span.makeCurrent()) {
                metrics.consumed(record.topic(), group);
                EventEnvelope<EventPayload> event = single.decodeOrDeadLetter(group, record);
                if (event != null && !relevant.test(event)) {
                    metrics.skipped(record.topic(), group);
                    MessagingTracer.outcome("skipped");
                } else if (event != null) {
                    keepOne(group, decoded, new Decoded(record, event, span));
                }
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        try {
            Set<UUID> applied = transactions.executeWrite(status -> {
                Map<UUID, String> positions = new LinkedHashMap<>();
                decoded.forEach((id, d) -> positions.put(id, ProcessedEventRepository.positionFor(group, d.record())));
                Set<UUID> fresh = processed.markAllProcessed(group, positions);
                List<Decoded> todo = decoded.values().stream().filter(d -> fresh.contains(d.event().eventId())).toList();
                if (!todo.isEmpty()) {
                    batch.apply(todo);
                }
                return fresh;
            });
            Duration each = Duration.ofNanos((System.nanoTime() - started) / decoded.size());
            for (Decoded d : decoded.values()) {
                boolean fresh = applied.contains(d.event().eventId());
                d.span().setAttribute(MessagingTracer.OUTCOME, fresh ? "applied" : "duplicate");
                if (fresh) {
                    metrics.succeeded(d.record().topic(), group, each);
                } else {
                    metrics.duplicate(d.record().topic(), group);
                }
            }
        } catch (Exception | Error e) { // checked too: the transaction template rethrows them unwrapped
            IdempotentConsumer.rethrowFatal(e);
            LOG.warn("{}: batch of {} failed ({}); applying its records one by one", group, decoded.size(),
                    IdempotentConsumer.unwrap(e).toString());
            long deadline = System.nanoTime() + fallbackBudget.toNanos();
            for (Decoded d : new ArrayList<>(decoded.values())) {
                if (System.nanoTime() > deadline) {
                    // Many failing records, each retried with backoff, would outlast max.poll.interval.ms: the
                    // group would evict this member and redeliver the poll anyway. Throwing first retries the
                    // poll at once; what is done by now (applied or dead-lettered) is skipped as a duplicate.
                    throw new IllegalStateException(group + ": applying the poll record by record took longer than "
                            + fallbackBudget + "; the rest of it is retried");
                }
                try (Scope ignored = d.span().makeCurrent(); EventLogContext log = EventLogContext.of(d.event())) {
                    single.apply(group, d.record(), d.event(), one);
                }
            }
        }
    }

    /**
     * One record stands for each event id in a poll: the latest copy whose position counts against this group's
     * dead-letter mark (a re-drive in the same poll as the marked original must not be skipped, nor hidden behind a
     * copy another group re-drove). The other copies are duplicates.
     */
    private void keepOne(String group, Map<UUID, Decoded> decoded, Decoded copy) {
        Decoded earlier = decoded.get(copy.event().eventId());
        boolean replaces = earlier == null || ProcessedEventRepository.positionFor(group, copy.record()) != null
                || ProcessedEventRepository.positionFor(group, earlier.record()) == null;
        Decoded duplicate = replaces ? earlier : copy;
        if (replaces) {
            decoded.put(copy.event().eventId(), copy);
        }
        if (duplicate != null) {
            metrics.duplicate(duplicate.record().topic(), group);
            duplicate.span().setAttribute(MessagingTracer.OUTCOME, "duplicate");
        }
    }

    private interface Applier {
        void apply(List<Decoded> fresh) throws Exception;
    }

    private record Decoded(ConsumerRecord<String, byte[]> record, EventEnvelope<EventPayload> event, Span span) {
    }
}
