package io.taskstream.messaging.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in the two places a trace crosses a
 * gap: an outbox row (written by a request, published later by the relay) and a Kafka record.
 * Always W3C, whatever OTEL_PROPAGATORS says: the outbox columns and every consumer expect it.
 */
public final class TraceHeaders {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private TraceHeaders() {
    }

    /** The context as it is stored with an outbox row; both null when no span is current. */
    public record Stored(String traceParent, String traceState) {

        public static Stored of(Context context) {
            if (!Span.fromContext(context).getSpanContext().isValid()) {
                return new Stored(null, null);
            }
            Map<String, String> carrier = new HashMap<>();
            W3C.inject(context, carrier, Map::put);
            return new Stored(carrier.get(TRACEPARENT), carrier.get(TRACESTATE));
        }

        /** The stored span as a remote parent; the root context when nothing was stored. */
        public Context toContext() {
            if (traceParent == null) {
                return Context.root();
            }
            Map<String, String> carrier = new HashMap<>();
            carrier.put(TRACEPARENT, traceParent);
            if (traceState != null) {
                carrier.put(TRACESTATE, traceState);
            }
            return W3C.extract(Context.root(), carrier, MapGetter.INSTANCE);
        }
    }

    /** Adds the context's {@code traceparent}/{@code tracestate} to headers about to be sent. */
    public static void inject(Context context, List<Header> headers) {
        W3C.inject(context, headers, (carrier, name, value) ->
                carrier.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
    }

    /** The sender's context from a record's headers; the root context when it carries none. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, KafkaGetter.INSTANCE);
    }

    private enum KafkaGetter implements TextMapGetter<Headers> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Headers carrier) {
            return StreamSupport.stream(carrier.spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(Headers carrier, String key) {
            Header header = carrier == null ? null : carrier.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private enum MapGetter implements TextMapGetter<Map<String, String>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    }
}
