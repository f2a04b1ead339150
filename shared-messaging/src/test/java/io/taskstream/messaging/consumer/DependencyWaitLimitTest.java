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

import static org.assertj.core.api.Assertions.assertThat;

/** A needed service that never comes back (or a request it can never answer) holds the partition only so long. */
@MicronautTest(transactional = false)
class DependencyWaitLimitTest extends RealInfrastructureTest {

    @Inject
    IdempotentConsumer consumer;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.max-attempts", "3", "taskstream.consumer.initial-backoff", "10ms",
                "taskstream.consumer.dependency-wait-limit", "400ms");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // without the limit the consumer waits for ever: fail, don't hang
    void pastTheWaitLimitTheAttemptsCountAgainAndTheEventEndsInTheDlq() {
        long started = System.nanoTime();

        consumer.process("group-never-back", record(), (e, r) -> {
            throw new DependencyUnavailableException("api-service: read timed out", null);
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        List<ConsumerRecord<String, byte[]>> dead = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)), r -> "group-never-back".equals(
                        new String(r.headers().lastHeader(DeadLetterHeaders.CONSUMER_GROUP).value(), StandardCharsets.UTF_8)),
                        1, Duration.ofSeconds(20));
        assertThat(dead).extracting(r -> new String(r.headers().lastHeader(DeadLetterHeaders.ATTEMPTS).value(),
                StandardCharsets.UTF_8)).containsExactly("3");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void theLimitCountsFromTheFirstTimeTheServiceWasDownNotFromAnEarlierFailure() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();

        consumer.process("group-late-outage", record(), (e, r) -> {
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IllegalStateException("a hiccup");
            }
            if (call == 2) {
                Thread.sleep(600); // the outage starts longer after that failure than the limit
            }
            if (call <= 4) {
                throw new DependencyUnavailableException("api-service answered 503", null);
            }
            applied.incrementAndGet();
        });

        assertThat(applied).as("the outage, shorter than the limit, used up no attempts").hasValue(1);
    }

    private ConsumerRecord<String, byte[]> record() {
        String json = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8)
                .replace("0193a5b0-8000-7000-8000-000000000001", UUID.randomUUID().toString());
        return new ConsumerRecord<>(topic(Topics.TASK_EVENTS), 0, 2, "key", json.getBytes(StandardCharsets.UTF_8));
    }
}
