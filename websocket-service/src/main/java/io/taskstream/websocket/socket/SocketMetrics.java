package io.taskstream.websocket.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
    private final Map<String, Counter> pushed = new ConcurrentHashMap<>();

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
        pushedCounter(type).increment();
    }

    /** One message written to a socket: counted by type, and an update's latency recorded. */
    void pushed(Outgoing message) {
        pushed(new Outgoing[]{message});
    }

    /**
     * Messages written to one socket together (called once per socket write, i.e. per socket per
     * update under fan-out: the counters are looked up once, not built and registered per call).
     */
    void pushed(Outgoing[] messages) {
        long now = epochNanos(Instant.now());
        int updates = 0;
        for (Outgoing m : messages) {
            if (m.occurredAt() != null) {
                latency.record(Math.max(0, now - epochNanos(m.occurredAt())), TimeUnit.NANOSECONDS);
            }
            if ("update".equals(m.type())) {
                updates++;
            } else {
                pushed(m.type());
            }
        }
        if (updates > 0) {
            pushedCounter("update").increment(updates);
        }
    }

    private Counter pushedCounter(String type) {
        return pushed.computeIfAbsent(type, t ->
                Counter.builder("taskstream.websocket.messages.pushed").tag("type", t).register(registry));
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
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
