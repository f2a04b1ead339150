package io.taskstream.websocket.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Prometheus: {@code taskstream_websocket_connections}, {@code taskstream_websocket_messages_pushed_total{type}},
 * {@code taskstream_websocket_drops_total{reason}}, {@code taskstream_websocket_resyncs_total{reason}},
 * {@code taskstream_websocket_refused_total{code}}, {@code taskstream_websocket_push_latency_seconds}
 * (event time to socket write).
 */
@Singleton
class SocketMetrics {

    private final MeterRegistry registry;
    private final Timer latency;

    SocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("taskstream.websocket.push.latency")
                .description("from the event's occurred_at to the update written to the socket")
                .publishPercentileHistogram().register(registry);
    }

    /** A gauge over the sessions map itself: Micrometer holds gauge targets weakly, so not a lambda. */
    void connections(Map<?, ?> sessions) {
        registry.gaugeMapSize("taskstream.websocket.connections", Tags.empty(), sessions);
    }

    void pushed(String type) {
        Counter.builder("taskstream.websocket.messages.pushed").tag("type", type).register(registry).increment();
    }

    void written(Instant occurredAt) {
        Duration d = Duration.between(occurredAt, Instant.now());
        latency.record(d.isNegative() ? Duration.ZERO : d);
    }

    void dropped(String reason) {
        Counter.builder("taskstream.websocket.drops").tag("reason", reason).register(registry).increment();
    }

    void resynced(String reason) {
        Counter.builder("taskstream.websocket.resyncs").tag("reason", reason).register(registry).increment();
    }

    void refused(int code) {
        Counter.builder("taskstream.websocket.refused").tag("code", Integer.toString(code)).register(registry).increment();
    }
}
