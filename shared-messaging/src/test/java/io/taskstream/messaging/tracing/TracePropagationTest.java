package io.taskstream.messaging.tracing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.consumer.IdempotentConsumer;
import io.taskstream.messaging.outbox.OutboxEvents;
import io.taskstream.messaging.logging.EventLogContext;
import io.taskstream.messaging.outbox.OutboxWriter;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.taskstream.messaging.tracing.FinishedSpans.header;
import static org.assertj.core.api.Assertions.assertThat;

/** One trace from the writing transaction through the outbox, Kafka and a consumer to what that consumer writes. */
@MicronautTest(transactional = false)
class TracePropagationTest extends RealInfrastructureTest {

    @Inject
    OpenTelemetry openTelemetry;
    @Inject
    InMemorySpanExporter spans;
    @Inject
    OutboxWriter outbox;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    IdempotentConsumer consumer;
    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.spans", "true");
    }

    @Test
    void theTraceOfTheWritingRequestSurvivesTheRelayKafkaAndTheConsumer() {
        UUID task = UUID.randomUUID();
        Span request = openTelemetry.getTracer("test").spanBuilder("POST /tasks").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            write(topic(Topics.TASK_EVENTS), task);
        } finally {
            request.end();
        }
        String traceId = request.getSpanContext().getTraceId();

        ConsumerRecord<String, byte[]> record = readOne(topic(Topics.TASK_EVENTS), task);
        String traceparent = header(record, TraceHeaders.TRACEPARENT);
        assertThat(traceparent).as("the record carries the request's trace").startsWith("00-" + traceId + "-");
        SpanData send = FinishedSpans.await(spans, "send " + topic(Topics.TASK_EVENTS), traceId);
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(send.getParentSpanId()).as("the relay's span is the request's child").isEqualTo(request.getSpanContext().getSpanId());
        assertThat(traceparent).as("and the record's parent").contains("-" + send.getSpanId() + "-");

        AtomicReference<SpanContext> inHandler = new AtomicReference<>();
        AtomicReference<Map<String, String>> mdc = new AtomicReference<>();
        consumer.process("trace-group", record, (event, r) -> {
            inHandler.set(Span.current().getSpanContext());
            mdc.set(Map.of("event", MDC.get(EventLogContext.EVENT_ID), "expected", event.eventId().toString(),
                    "task", MDC.get(EventLogContext.TASK_ID)));
            outbox.append(topic(Topics.NOTIFICATION_REQUEST), task.toString(), OutboxEvents.event(task, 2));
        });

        assertThat(inHandler.get().getTraceId()).as("the handler runs in the request's trace").isEqualTo(traceId);
        assertThat(mdc.get().get("event")).as("event id in the MDC").isEqualTo(mdc.get().get("expected"));
        assertThat(mdc.get().get("task")).as("task id in the MDC").isEqualTo(task.toString());
        assertThat(MDC.get(EventLogContext.EVENT_ID)).as("gone after the handler").isNull();
        SpanData process = FinishedSpans.await(spans, "process " + topic(Topics.TASK_EVENTS), traceId);
        assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(process.getSpanId()).isEqualTo(inHandler.get().getSpanId());
        assertThat(process.getAttributes().get(MessagingTracer.OUTCOME)).isEqualTo("applied");
        assertThat(header(readOne(topic(Topics.NOTIFICATION_REQUEST), task), TraceHeaders.TRACEPARENT))
                .as("what the consumer writes to its outbox continues the trace").startsWith("00-" + traceId + "-");
        assertThat(meters.find("taskstream.producer.records").tag("topic", topic(Topics.TASK_EVENTS))
                .tag("outcome", "sent").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRowWrittenOutsideAnyTraceStartsOneAtTheRelay() {
        UUID task = UUID.randomUUID();
        write(topic(Topics.REMINDERS), task);

        assertThat(header(readOne(topic(Topics.REMINDERS), task), TraceHeaders.TRACEPARENT))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private void write(String topic, UUID task) {
        transactions.executeWrite(status -> {
            outbox.append(topic, task.toString(), OutboxEvents.event(task, 1));
            return null;
        });
    }

    private ConsumerRecord<String, byte[]> readOne(String topic, UUID task) {
        var records = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic, r -> task.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(records).as("published to " + topic).hasSize(1);
        return records.get(0);
    }
}
