package io.taskstream.messaging.consumer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.events.envelope.DeadLetterHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class IdempotentConsumerTest extends RealInfrastructureTest {

    @Inject
    IdempotentConsumer consumer;
    @Inject
    IdempotentBatchConsumer batch;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.max-attempts", "3", "taskstream.consumer.initial-backoff", "10ms");
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        AtomicInteger applied = new AtomicInteger();
        ConsumerRecord<String, byte[]> record = record(freshEvent(), 1);

        consumer.process("group-a", record, (event, r) -> applied.incrementAndGet());
        consumer.process("group-a", record, (event, r) -> applied.incrementAndGet());
        consumer.process("group-b", record, (event, r) -> applied.incrementAndGet());

        assertThat(applied).as("once per consumer group").hasValue(2);
    }

    @Test
    void transientFailuresAreRetriedAndTheFailedAttemptsLeaveNoTrace() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();

        consumer.process("group-retry", record(freshEvent(), 2), (event, r) -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("database hiccup " + calls.get());
            }
            applied.incrementAndGet();
        });

        assertThat(calls).hasValue(3);
        assertThat(applied).hasValue(1);
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredWithItsAttempts() {
        byte[] event = freshEvent();

        consumer.process("group-fail", record(event, 3), (e, r) -> {
            throw new IllegalStateException("always broken");
        });
        consumer.process("group-fail", record(freshEvent(), 4), (e, r) -> {
            throw new NonRetryableException("never valid here");
        });

        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                        r -> header(r, DeadLetterHeaders.CONSUMER_GROUP).equals("group-fail"), 2, Duration.ofSeconds(20));
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.ATTEMPTS)).containsExactly("3", "1");
        assertThat(dead.get(0).value()).isEqualTo(event);
        assertThat(header(dead.get(0), DeadLetterHeaders.EXCEPTION_MESSAGE)).isEqualTo("always broken");
        assertThat(header(dead.get(0), DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("3");
    }

    @Test
    void anErrorFromTheHandlerIsThatEventsFailureNotTheConsumers() {
        consumer.process("group-error", record(freshEvent(), 5), (e, r) -> {
            throw new StackOverflowError("recursion on one odd event");
        });

        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                        r -> header(r, DeadLetterHeaders.CONSUMER_GROUP).equals("group-error"), 1, Duration.ofSeconds(20));
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.EXCEPTION_CLASS))
                .containsExactly(StackOverflowError.class.getName());
    }

    @Test
    void aCheckedExceptionFromTheHandlerIsRetriedThenDeadLetteredLikeAnyOther() {
        AtomicInteger calls = new AtomicInteger();
        // The transaction template rethrows a checked exception unwrapped: it must not escape the retries.
        consumer.process("group-checked", record(freshEvent(), 6), (e, r) -> {
            calls.incrementAndGet();
            throw new java.io.IOException("mail relay refused");
        });

        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                        r -> header(r, DeadLetterHeaders.CONSUMER_GROUP).equals("group-checked"), 1, Duration.ofSeconds(20));
        assertThat(calls).hasValue(3);
        assertThat(dead).extracting(r -> header(r, DeadLetterHeaders.EXCEPTION_CLASS), r -> header(r, DeadLetterHeaders.ATTEMPTS))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(java.io.IOException.class.getName(), "3"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(90) // without room for the headers the DLQ send fails for ever: fail, don't hang
    void aRecordAtItsTopicsSizeLimitStillFitsInTheDeadLetterTopicWithItsHeaders() {
        byte[] huge = new byte[1_048_000]; // just under the broker's default 1 MB, as a source topic takes it
        java.util.Arrays.fill(huge, (byte) 'x');

        consumer.process("group-huge", record(huge, 7), (e, r) -> {
            throw new AssertionError("not decodable, never handled");
        });

        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                        r -> header(r, DeadLetterHeaders.CONSUMER_GROUP).equals("group-huge"), 1, Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(huge);
    }

    @Test
    void anUndecodableRecordRedeliveredIsDeadLetteredOnce() {
        ConsumerRecord<String, byte[]> poison = record("{not json".getBytes(StandardCharsets.UTF_8), 8);

        consumer.process("group-poison-twice", poison, (e, r) -> { });
        consumer.process("group-poison-twice", poison, (e, r) -> { }); // the same poll again, after a retried batch

        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                        r -> header(r, DeadLetterHeaders.CONSUMER_GROUP).equals("group-poison-twice"), 2, Duration.ofSeconds(5));
        assertThat(dead).hasSize(1);
    }

    @Test
    void aDeadLetteredEventIsSkippedWhenItsRecordComesAgainAndAppliedOnceFromACopySentBack() {
        byte[] event = freshEvent();
        AtomicInteger applied = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
        EventHandler handler = (e, r) -> {
            if (!fixed.get()) {
                throw new NonRetryableException("refused until fixed");
            }
            applied.incrementAndGet();
        };
        consumer.process("group-sent-back", record(event, 9), handler); // dead-lettered, the mark committed
        fixed.set(true);

        consumer.process("group-sent-back", record(event, 9), handler); // the same poll again
        assertThat(applied).as("the dead-lettered record itself is not applied when it is redelivered").hasValue(0);
        // A re-drive that overtook the mark's commit (nothing could delete the mark first), or the event published again:
        consumer.process("group-sent-back", record(event, 42), handler);
        consumer.process("group-sent-back", record(event, 43), handler);
        assertThat(applied).as("the first copy at another offset is applied, later ones are duplicates").hasValue(1);
    }

    @Test
    void whileAServiceTheHandlerNeedsIsDownTheEventUsesUpNoAttemptsAndIsAppliedOnceItIsBack() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();

        consumer.process("group-dependency", record(freshEvent(), 10), (e, r) -> {
            if (calls.incrementAndGet() <= 7) { // more than twice the 3 attempts
                throw new DependencyUnavailableException("api-service answered 503", null);
            }
            applied.incrementAndGet();
        });

        assertThat(calls).hasValue(8);
        assertThat(applied).hasValue(1);
        assertThat(new KafkaTestClient(infrastructure.bootstrapServers()).readFromStart(
                Topics.deadLetterOf(topic(Topics.TASK_EVENTS)),
                r -> header(r, DeadLetterHeaders.CONSUMER_GROUP).equals("group-dependency"), 1, Duration.ofSeconds(3)))
                .isEmpty();
    }

    @Test
    void aCopySentBackInTheSamePollAsItsMarkedOriginalIsAppliedOnce() {
        byte[] event = freshEvent();
        AtomicInteger applied = new AtomicInteger();
        consumer.process("group-same-poll", record(event, 20), (e, r) -> {
            throw new NonRetryableException("refused until fixed");
        });

        // A retried poll that reaches the re-driven copy too: the copy, not the marked original, stands for the event.
        batch.processEach("group-same-poll", List.of(record(event, 20), record(event, 41)), (e, r) -> applied.incrementAndGet());

        assertThat(applied).hasValue(1);
    }

    @Test
    void aCopyAnotherGroupReDroveLeavesThisGroupsMarkStanding() {
        byte[] event = freshEvent();
        AtomicInteger applied = new AtomicInteger();
        consumer.process("group-x", record(event, 21), (e, r) -> {
            throw new NonRetryableException("refused here, and discarded by this group's operator");
        });

        consumer.process("group-x", redriven(event, 50, "group-y"), (e, r) -> applied.incrementAndGet());
        assertThat(applied).as("group-y's re-drive is not group-x's decision").hasValue(0);
        consumer.process("group-x", redriven(event, 51, "group-x"), (e, r) -> applied.incrementAndGet());
        assertThat(applied).hasValue(1);
    }

    @Test
    void thisGroupsReDriveIsNotHiddenBehindAnotherGroupsLaterCopyInTheSamePoll() {
        byte[] event = freshEvent();
        AtomicInteger applied = new AtomicInteger();
        consumer.process("group-z", record(event, 22), (e, r) -> {
            throw new NonRetryableException("refused until fixed");
        });

        batch.processEach("group-z", List.of(redriven(event, 60, "group-z"), redriven(event, 61, "group-other")),
                (e, r) -> applied.incrementAndGet());

        assertThat(applied).hasValue(1);
    }

    private ConsumerRecord<String, byte[]> redriven(byte[] value, long offset, String byGroup) {
        ConsumerRecord<String, byte[]> record = record(value, offset);
        record.headers().add(DeadLetterHeaders.REDRIVE_GROUP, byGroup.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private ConsumerRecord<String, byte[]> record(byte[] value, long offset) {
        return new ConsumerRecord<>(topic(Topics.TASK_EVENTS), 0, offset, "key", value);
    }

    /** The golden task.created with a new event id, so tests never share a processed_event row. */
    private static byte[] freshEvent() {
        String json = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8);
        return json.replace("0193a5b0-8000-7000-8000-000000000001", UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
