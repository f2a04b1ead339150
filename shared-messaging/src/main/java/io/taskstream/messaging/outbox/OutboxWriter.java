package io.taskstream.messaging.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.TransactionDefinition;
import io.opentelemetry.context.Context;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.messaging.tracing.TraceHeaders;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Appends events to the outbox inside the caller's transaction (there must be one), with the current
 * trace context, so the relay's record continues the trace of the request or event that wrote it.
 */
@Singleton
@Requires(beans = OutboxRepository.class)
public class OutboxWriter {

    private final OutboxRepository repository;
    private final EventCodec codec;

    public OutboxWriter(OutboxRepository repository, EventCodec codec) {
        this.repository = repository;
        this.codec = codec;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void append(String topic, String key, EventEnvelope<?> envelope) {
        String payload = new String(codec.encode(envelope), StandardCharsets.UTF_8);
        TraceHeaders.Stored trace = TraceHeaders.Stored.of(Context.current());
        repository.save(new OutboxMessage(null, envelope.eventId(), topic, key, envelope.eventType(), payload,
                envelope.aggregateId(), envelope.aggregateVersion(), Instant.now(), null,
                trace.traceParent(), trace.traceState()));
    }
}
