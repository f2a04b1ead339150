package io.taskstream.messaging.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.taskstream.events.envelope.EventEnvelope;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/**
 * The Kafka spans, named and tagged after the OpenTelemetry messaging conventions: a PRODUCER span
 * {@code send <topic>} per record the outbox relay publishes, a CONSUMER span {@code process <topic>}
 * per record a listener applies. Without an OpenTelemetry bean ({@code micronaut.otel.enabled=false})
 * spans are no-ops, but a record's context still passes through, so trace ids are never lost.
 */
@Singleton
public class MessagingTracer {

    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> GROUP = AttributeKey.stringKey("messaging.consumer.group.name");
    static final AttributeKey<String> PARTITION = AttributeKey.stringKey("messaging.destination.partition.id");
    static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
    static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    public static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("taskstream.event.type");
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("taskstream.outcome");

    private final Tracer tracer;

    MessagingTracer(Optional<OpenTelemetry> openTelemetry) {
        this.tracer = openTelemetry.orElse(OpenTelemetry.noop()).getTracer("io.taskstream.messaging");
    }

    /** A PRODUCER span for one record, child of {@code parent} (the context stored with its outbox row). */
    public Span startSend(String topic, String key, String eventId, Context parent) {
        return tracer.spanBuilder("send " + topic).setSpanKind(SpanKind.PRODUCER).setParent(parent)
                .setAttribute(SYSTEM, "kafka").setAttribute(OPERATION, "send").setAttribute(DESTINATION, topic)
                .setAttribute(KEY, key).setAttribute(MESSAGE_ID, eventId)
                .startSpan();
    }

    /** A CONSUMER span for one record, child of the context in its headers; not yet current. */
    public Span startProcess(String group, ConsumerRecord<String, byte[]> record) {
        var builder = tracer.spanBuilder("process " + record.topic()).setSpanKind(SpanKind.CONSUMER)
                .setParent(TraceHeaders.extract(record.headers()))
                .setAttribute(SYSTEM, "kafka").setAttribute(OPERATION, "process")
                .setAttribute(DESTINATION, record.topic()).setAttribute(GROUP, group)
                .setAttribute(PARTITION, Integer.toString(record.partition())).setAttribute(OFFSET, record.offset());
        if (record.key() != null) {
            builder.setAttribute(KEY, record.key());
        }
        return builder.startSpan();
    }

    /** Names the decoded event on the current span (a record's). */
    public static void describe(EventEnvelope<?> event) {
        Span.current().setAttribute(MESSAGE_ID, event.eventId().toString()).setAttribute(EVENT_TYPE, event.eventType());
    }

    /** Marks the current span (a record's) as failed, e.g. when the record goes to the DLQ. */
    public static void failed(Throwable failure, String outcome) {
        Span span = Span.current();
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.setAttribute(OUTCOME, outcome);
    }

    public static void outcome(String outcome) {
        Span.current().setAttribute(OUTCOME, outcome);
    }
}
