package io.taskstream.messaging.consumer;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.taskstream.events.EventTypes;
import io.taskstream.events.GoldenFixtures;
import io.taskstream.events.Topics;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.PgSessions;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL's host vanished while a record was being applied (its connections go quiet, no reset),
 * and a new primary takes connections. The consumer gives up on the silent connection after the
 * socket timeout and applies the record once on a fresh one; nothing is dead-lettered, even with
 * only two attempts allowed.
 */
@MicronautTest(transactional = false)
class DatabaseFailoverConsumerTest extends RealInfrastructureTest {

    private static final long LOCK = 4343;

    @Inject
    IdempotentConsumer consumer;
    @Inject
    JdbcOperations jdbc;

    @Override
    protected boolean databaseThroughProxy() {
        return true;
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.consumer.max-attempts", "2", "taskstream.consumer.initial-backoff", "10ms",
                "datasources.default.data-source-properties.socketTimeout", "2",
                "datasources.default.connection-timeout", "1000", "datasources.default.validation-timeout", "250");
    }

    @Test
    void aRecordInFlightWhenThePrimaryVanishesIsAppliedOnceOnAFreshConnection() throws Exception {
        String json = new String(GoldenFixtures.load(EventTypes.TASK_CREATED, 1).json(), StandardCharsets.UTF_8)
                .replace("0193a5b0-8000-7000-8000-000000000001", UUID.randomUUID().toString());
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic(Topics.TASK_EVENTS), 0, 3, "key",
                json.getBytes(StandardCharsets.UTF_8));
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();

        try (Connection other = openDirectConnection(); Connection observer = openDirectConnection()) {
            PgSessions.execute(other, "SELECT pg_advisory_lock(" + LOCK + ")");
            CompletableFuture<Void> processing = CompletableFuture.runAsync(() -> consumer.process("group-failover", record, (event, r) -> {
                if (calls.incrementAndGet() == 1) {
                    // Held back until the old primary's host is gone, so the reply is lost with it.
                    jdbc.prepareStatement("SELECT pg_advisory_xact_lock(" + LOCK + ")", statement -> statement.execute());
                }
                applied.incrementAndGet();
            }));
            await().atMost(Duration.ofSeconds(20)).until(() -> PgSessions.waitingOnLocks(observer) == 1);
            databaseProxy().silenceOpenConnections();
            PgSessions.execute(other, "SELECT pg_advisory_unlock(" + LOCK + ")");

            processing.get(30, TimeUnit.SECONDS);
        }
        assertThat(calls).as("the first attempt broke with its link, the second worked").hasValue(2);
        assertThat(applied).hasValue(1);
        consumer.process("group-failover", record, (event, r) -> applied.incrementAndGet());
        assertThat(applied).as("the redelivery is a duplicate").hasValue(1);
        assertThat(new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(Topics.deadLetterOf(topic(Topics.TASK_EVENTS)), r -> true, 1, Duration.ofSeconds(5)))
                .as("nothing dead-lettered").isEmpty();
    }
}
