package io.taskstream.websocket.socket;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.websocket.updates.UpdateHistory;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The push of an update to the browsers is the last span of the trace that produced the update. */
@MicronautTest(transactional = false)
class PushTracingTest extends RealInfrastructureTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SENDER_SPAN = "b7ad6b7169203331";

    @Inject
    @Client("/")
    WebSocketClient ws;
    @Inject
    UpdateHistory history;
    @Inject
    JsonMapper json;
    @Inject
    InMemorySpanExporter spans;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.spans", "true");
    }

    @Override
    protected boolean usesDatabase() {
        return false;
    }

    @Test
    void theDispatchToTheUsersSocketsRunsInTheSendersTrace() throws Exception {
        BoardUpdates updates = new BoardUpdates(new KafkaTestClient(infrastructure.bootstrapServers()), topic(Topics.TASK_UPDATES), json);
        await().atMost(Duration.ofSeconds(60)).until(history::ready);
        String uri = "/ws/updates?access_token=" + tokenFor("grace");
        try (TestSocket socket = Mono.from(ws.connect(TestSocket.class, HttpRequest.GET(uri))).block(Duration.ofSeconds(15))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> socket.messages().stream().anyMatch(m -> "hello".equals(updates.type(m))));

            sendTraced("grace", "traced");

            await().atMost(Duration.ofSeconds(15)).until(() -> updates.titles(socket).equals(List.of("traced")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> processSpan() != null);
        SpanData push = processSpan();
        assertThat(push.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(push.getParentSpanId()).isEqualTo(SENDER_SPAN);
        assertThat(push.getAttributes().get(AttributeKey.longKey("taskstream.websocket.sockets"))).isEqualTo(1L);
    }

    private SpanData processSpan() {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(TRACE_ID) && s.getName().equals("process " + topic(Topics.TASK_UPDATES)))
                .findFirst().orElse(null);
    }

    private void sendTraced(String userId, String title) throws Exception {
        var record = new ProducerRecord<>(topic(Topics.TASK_UPDATES), userId, BoardUpdates.encoded(userId, title));
        record.headers().add("traceparent", ("00-" + TRACE_ID + "-" + SENDER_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", infrastructure.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every ended span in memory (micronaut-tracing adds this processor to the SDK). */
    @Factory
    @Requires(property = "test.spans", value = "true")
    static class InMemorySpans {

        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }

        @Singleton
        SpanProcessor processor(InMemorySpanExporter exporter) {
            return SimpleSpanProcessor.create(exporter);
        }
    }
}
