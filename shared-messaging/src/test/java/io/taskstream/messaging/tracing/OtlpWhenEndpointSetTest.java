package io.taskstream.messaging.tracing;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Which trace exporter the SDK ends up with, given micronaut-tracing's defaults and our customizer. */
class OtlpWhenEndpointSetTest {

    @Test
    void noneUnlessAnEndpointIsSet() {
        assertThat(exporter("", "")).isEqualTo("none");
    }

    @Test
    void otlpWhenOnlyTheEndpointIsSet() {
        assertThat(exporter("", "http://collector:4318")).isEqualTo("otlp");
    }

    @Test
    void anExplicitExporterWins() {
        assertThat(exporter("none", "http://collector:4318")).isEqualTo("none");
    }

    /** Builds the SDK as DefaultOpenTelemetryFactory does (its defaults first) and reports the exporter it chose. */
    private static String exporter(String configured, String endpoint) {
        AtomicReference<String> seen = new AtomicReference<>();
        var builder = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> Map.of(
                "otel.traces.exporter", configured.isBlank() ? "none" : configured,
                "otel.metrics.exporter", "none", "otel.logs.exporter", "none"));
        new OtlpWhenEndpointSet(configured, endpoint).configure(builder);
        builder.addPropertiesCustomizer(config -> {
            seen.set(config.getString("otel.traces.exporter"));
            return Map.of();
        });
        builder.build().getOpenTelemetrySdk().close();
        return seen.get();
    }
}
