package io.taskstream.messaging.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;

/** Test helpers: wait for an ended span of a trace; read a header as text. */
final class FinishedSpans {

    private FinishedSpans() {
    }

    static SpanData await(InMemorySpanExporter spans, String name, String traceId) {
        AtomicReference<SpanData> found = new AtomicReference<>();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getName().equals(name) && s.getTraceId().equals(traceId))
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
