package io.taskstream.messaging.tracing;

import io.micronaut.context.annotation.Value;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Exports traces over OTLP as soon as {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, instead of
 * needing {@code OTEL_TRACES_EXPORTER=otlp} too. With neither, micronaut-tracing's default holds:
 * exporter {@code none} (spans, trace ids and {@code traceparent} headers exist, nothing is sent).
 * An explicit {@code OTEL_TRACES_EXPORTER} (or {@code otel.traces.exporter}) always wins.
 */
@Singleton
class OtlpWhenEndpointSet implements OpenTelemetryBuilderCustomizer {

    private final String exporter;
    private final String endpoint;

    OtlpWhenEndpointSet(@Value("${otel.traces.exporter:}") String exporter,
                        @Value("${otel.exporter.otlp.endpoint:}") String endpoint) {
        this.exporter = exporter;
        this.endpoint = endpoint;
    }

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        if (exporter.isBlank() && !endpoint.isBlank()) {
            // Suppliers added later override earlier ones (micronaut-tracing's "none" default).
            builder.addPropertiesSupplier(() -> Map.of("otel.traces.exporter", "otlp"));
        }
    }
}
