package io.taskstream.messaging.consumer;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL unreachable while a record is applied: the consumer waits for it without using up the
 * record's attempts (an outage is nobody's poison), then applies the record once. Nothing reaches
 * the DLQ.
 */
@MicronautTest(transactional = false)
class DatabaseOutageConsumerTest extends RealInfrastructureTest {

    @Inject
    IdempotentConsumer consumer;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.max-attempts", "2", "taskstream.consumer.initial-backoff", "10ms",
                "taskstream.consumer.max-backoff", "200ms", "datasources.default.connection-timeout", "250");
    }

    @Test
    void anOutageLongerThanEveryRetryIsWaitedOutAndTheRecordAppliedOnce() throws Exception {
        String json = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8)
                .replace("0193a5b0-8000-7000-8000-000000000001", UUID.randomUUID().toString());
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic(Topics.TASK_EVENTS), 0, 7, "key",
                json.getBytes(StandardCharsets.UTF_8));
        AtomicInteger applied = new AtomicInteger();

        databaseProxy().cut();
        CompletableFuture<Void> processing = CompletableFuture.runAsync(
                () -> consumer.process("group-outage", record, (event, r) -> applied.incrementAndGet()));
        // Two attempts with at most 200 ms between them would have dead-lettered it long before this.
        TimeUnit.SECONDS.sleep(4);
        assertThat(processing).as("still waiting for the database").isNotDone();
        databaseProxy().restore();

        processing.get(30, TimeUnit.SECONDS);
        assertThat(applied).hasValue(1);
        consumer.process("group-outage", record, (event, r) -> applied.incrementAndGet());
        assertThat(applied).as("the redelivery after the outage is a duplicate").hasValue(1);
        assertThat(new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)), r -> true, 1, Duration.ofSeconds(5)))
                .as("nothing dead-lettered").isEmpty();
    }
}
