package io.taskstream.messaging.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.taskstream.messaging.tracing.MessagingTracer;
import io.taskstream.messaging.tracing.TraceHeaders;
import jakarta.inject.Singleton;
import org.apache.kafka.common.header.Header;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the relay reports per record: a PRODUCER span {@code send <topic>}, child of the trace context
 * stored with the row, whose context travels in the record's {@code traceparent} header; and
 * {@code taskstream.producer.records{topic, outcome=sent|failed}} once the broker has answered.
 * A failed batch is published again later, so each attempt counts (and has a span) of its own.
 */
@Singleton
class RelayTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(RelayTelemetry.class);

    static final String RECORDS = "taskstream.producer.records";

    private final MessagingTracer tracer;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    RelayTelemetry(MessagingTracer tracer, MeterRegistry meters) {
        this.tracer = tracer;
        this.meters = meters;
    }

    /** Built once per (topic, outcome): registering a meter per record showed up in the relay's profile. */
    private Counter counter(String topic, String outcome) {
        return counters.computeIfAbsent(topic + '\u0000' + outcome, k -> Counter.builder(RECORDS)
                .description("records the outbox relay published, by broker outcome")
                .tag("topic", topic).tag("outcome", outcome).register(meters));
    }

    Span start(ClaimedMessage message) {
        Context parent = new TraceHeaders.Stored(message.traceParent(), message.traceState()).toContext();
        return tracer.startSend(message.topic(), message.messageKey(), message.eventId().toString(), parent);
    }

    /** Adds the span's {@code traceparent} (and {@code tracestate}) to the record's headers. */
    void inject(Span span, List<Header> headers) {
        TraceHeaders.inject(Context.root().with(span), headers);
    }

    /** Never throws: it runs in the ack's callback, where an exception would fail an acknowledged send. */
    void completed(ClaimedMessage message, Span span, Throwable failure) {
        try {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, "not acknowledged");
            }
            span.end();
            counter(message.topic(), failure == null ? "sent" : "failed").increment();
        } catch (RuntimeException e) {
            LOG.warn("relay telemetry failed for outbox row {}: {}", message.id(), e.toString());
        }
    }
}
