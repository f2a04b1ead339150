package io.taskstream.messaging.tracing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import io.taskstream.messaging.consumer.IdempotentBatchConsumer;
import io.taskstream.messaging.consumer.IdempotentConsumer;
import io.taskstream.messaging.consumer.NonRetryableException;
import io.taskstream.messaging.consumer.TestEvents;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.taskstream.messaging.tracing.FinishedSpans.header;
import static org.assertj.core.api.Assertions.assertThat;

/** Consumer spans: a failure shows on the record's span, the DLQ keeps the trace, a batch keeps each record's trace (also while processEach handles it). */
@MicronautTest(transactional = false)
class ConsumerSpansTest extends RealInfrastructureTest {

    @Inject
    OpenTelemetry openTelemetry;
    @Inject
    InMemorySpanExporter spans;
    @Inject
    IdempotentConsumer consumer;
    @Inject
    IdempotentBatchConsumer batch;
    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("test.spans", "true");
    }

    @Test
    void aDeadLetteredRecordKeepsItsTraceparentAndItsSpanShowsTheFailure() {
        Span sender = ended("PATCH /tasks");
        ConsumerRecord<String, byte[]> record = recordFrom(sender, 5);

        consumer.process("trace-dlq-group", record, (event, r) -> {
            throw new NonRetryableException("invalid for this test");
        });

        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                        r -> "trace-dlq-group".equals(header(r, DeadLetterHeaders.CONSUMER_GROUP)), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), TraceHeaders.TRACEPARENT)).isEqualTo(header(record, TraceHeaders.TRACEPARENT));
        SpanData process = FinishedSpans.await(spans, "process " + topic(Topics.TASK_EVENTS), sender.getSpanContext().getTraceId());
        assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(process.getAttributes().get(MessagingTracer.OUTCOME)).isEqualTo("dead_lettered");
        assertThat(meters.find("taskstream.dlq.records").tag("topic", topic(Topics.TASK_EVENTS))
                .tag("group", "trace-dlq-group").counter().count()).isEqualTo(1);
    }

    @Test
    void aBatchGivesEachRecordItsOwnSpanInItsSendersTrace() {
        Span first = ended("first request");
        Span second = ended("second request");

        batch.process("trace-batch-group", List.of(recordFrom(first, 10), recordFrom(second, 11)),
                events -> assertThat(events).hasSize(2));

        for (Span sender : List.of(first, second)) {
            SpanData process = FinishedSpans.await(spans, "process " + topic(Topics.TASK_EVENTS), sender.getSpanContext().getTraceId());
            assertThat(process.getParentSpanId()).isEqualTo(sender.getSpanContext().getSpanId());
            assertThat(process.getAttributes().get(MessagingTracer.OUTCOME)).isEqualTo("applied");
        }
    }

    @Test
    void processEachHandlesEveryEventInsideItsOwnRecordsTrace() {
        Span first = ended("first request");
        Span second = ended("second request");
        List<String> tracesSeenByTheHandler = new ArrayList<>();

        batch.processEach("trace-each-group", List.of(recordFrom(first, 20), recordFrom(second, 21)),
                (event, record) -> tracesSeenByTheHandler.add(Span.current().getSpanContext().getTraceId()));

        assertThat(tracesSeenByTheHandler).containsExactly(first.getSpanContext().getTraceId(),
                second.getSpanContext().getTraceId());
    }

    private Span ended(String name) {
        Span span = openTelemetry.getTracer("test").spanBuilder(name).startSpan();
        span.end();
        return span;
    }

    private ConsumerRecord<String, byte[]> recordFrom(Span sender, long offset) {
        List<Header> headers = new ArrayList<>();
        TraceHeaders.inject(Context.root().with(sender), headers);
        return new ConsumerRecord<>(topic(Topics.TASK_EVENTS), 0, offset, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, -1, "key", TestEvents.created(UUID.randomUUID()),
                new RecordHeaders(headers), Optional.empty());
    }
}
