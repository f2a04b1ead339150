package io.taskstream.messaging.consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerMetrics metrics = new ConsumerMetrics(registry);

    @Test
    void countsEachOutcomePerTopicAndGroup() {
        for (int i = 0; i < 3; i++) {
            metrics.consumed("a", "g");
            metrics.succeeded("a", "g", Duration.ofMillis(2));
        }
        metrics.consumed("b", "g");
        metrics.deadLettered("b", "g");

        assertThat(count("a", "consumed")).isEqualTo(3);
        assertThat(count("a", "succeeded")).isEqualTo(3);
        assertThat(count("b", "consumed")).isEqualTo(1);
        assertThat(count("b", "dead_lettered")).isEqualTo(1);
        assertThat(registry.find(ConsumerMetrics.RECORDS).tag("topic", "a").tag("outcome", "dead_lettered").counter()).isNull();
        var timer = registry.get(ConsumerMetrics.PROCESSING).tag("topic", "a").tag("group", "g").timer();
        assertThat(timer.count()).isEqualTo(3);
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.find(ConsumerMetrics.PROCESSING).tag("topic", "b").timer()).isNull();
    }

    private double count(String topic, String outcome) {
        return registry.get(ConsumerMetrics.RECORDS).tag("topic", topic).tag("group", "g").tag("outcome", outcome)
                .counter().count();
    }
}
