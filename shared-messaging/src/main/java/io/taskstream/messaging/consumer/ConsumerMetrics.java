package io.taskstream.messaging.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per topic and consumer group: {@code taskstream.consumer.records{outcome=...}} (consumed,
 * succeeded, duplicate, skipped, retried, dead_lettered) and the {@code taskstream.consumer.processing}
 * timer. Lag is published by {@link ConsumerHealthIndicator} as {@code taskstream.consumer.lag}.
 * Meters are looked up once per (topic, group, outcome) and kept: registering on every record built
 * a meter id, sorted its tags and ran the registry's filters two or three times per record.
 */
@Singleton
public class ConsumerMetrics {

    static final String RECORDS = "taskstream.consumer.records";
    static final String PROCESSING = "taskstream.consumer.processing";

    private record Key(String topic, String group, String outcome) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void consumed(String topic, String group) {
        count(topic, group, "consumed");
    }

    void succeeded(String topic, String group, Duration took) {
        count(topic, group, "succeeded");
        timers.computeIfAbsent(new Key(topic, group, null), k -> Timer.builder(PROCESSING)
                .description("time to apply one record, retries included")
                .tag("topic", topic).tag("group", group).publishPercentileHistogram()
                .register(registry)).record(took);
    }

    void duplicate(String topic, String group) {
        count(topic, group, "duplicate");
    }

    void skipped(String topic, String group) {
        count(topic, group, "skipped");
    }

    void retried(String topic, String group) {
        count(topic, group, "retried");
    }

    void deadLettered(String topic, String group) {
        count(topic, group, "dead_lettered");
    }

    private void count(String topic, String group, String outcome) {
        counters.computeIfAbsent(new Key(topic, group, outcome), k -> Counter.builder(RECORDS)
                .description("records seen by a consumer group, by outcome")
                .tag("topic", topic).tag("group", group).tag("outcome", outcome)
                .register(registry)).increment();
    }
}
