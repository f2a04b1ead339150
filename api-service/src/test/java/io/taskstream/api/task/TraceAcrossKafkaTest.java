package io.taskstream.api.task;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.trace.Span;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.consumer.IdempotentConsumer;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace a caller starts (W3C {@code traceparent} on the HTTP request) is the trace of the task's
 * records on Kafka, although the outbox relay publishes them later on its own thread, and of the
 * consumer that applies them.
 */
@MicronautTest(transactional = false)
class TraceAcrossKafkaTest extends RealInfrastructureTest {

    @Inject
    EmbeddedServer server;
    @Inject
    IdempotentConsumer consumer;

    @Test
    void theTraceIdOfAPostSurvivesTheOutboxAndTheKafkaHopIntoAConsumer() {
        String traceId = hex(32);
        String callerSpan = hex(16);
        var api = new TaskApiClient(server.getURL().toString(), tokenFor("tracy"));

        String id = TaskApiClient.field(api.send("POST", "/tasks", "{\"title\":\"Follow me\"}",
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01")).body(), "id");

        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        ConsumerRecord<String, byte[]> created = only(kafka.readFromStart(topic(Topics.TASK_EVENTS),
                r -> r.key().equals(id), 1, Duration.ofSeconds(20)));
        ConsumerRecord<String, byte[]> update = only(kafka.readFromStart(topic(Topics.TASK_UPDATES),
                r -> r.key().equals("tracy"), 1, Duration.ofSeconds(20)));
        assertThat(traceparent(created)).as("task-events record").startsWith("00-" + traceId + "-")
                .as("its parent is the relay's span, not the caller's").doesNotContain(callerSpan);
        assertThat(traceparent(update)).as("task-updates record").startsWith("00-" + traceId + "-");

        AtomicReference<String> traceInHandler = new AtomicReference<>();
        consumer.process("trace-test-group", created, (event, record) ->
                traceInHandler.set(Span.current().getSpanContext().getTraceId()));
        assertThat(traceInHandler).as("the consumer's handler runs in the caller's trace").hasValue(traceId);
    }

    private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String traceparent(ConsumerRecord<String, byte[]> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String hex(int digits) {
        StringBuilder s = new StringBuilder();
        while (s.length() < digits) {
            s.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE));
        }
        return s.substring(0, digits);
    }
}
