package io.taskstream.messaging.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.localstack.infra.EmbeddedKafka;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rows for a topic the broker does not have (yet): each send waits max.block.ms for metadata and
 * fails. The relay must give up the batch at the first failure instead of waiting again for every
 * row behind it while it holds the batch's locks and transaction, and deliver everything once the
 * topic exists.
 */
@MicronautTest(transactional = false)
class OutboxUnknownTopicTest extends RealInfrastructureTest {

    private static final int ROWS_FOR_MISSING_TOPIC = 50;
    private final String missingTopic = "missing-" + UUID.randomUUID();

    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRepository repository;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    JdbcOperations jdbc;
    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> extraProperties() {
        // Without the early stop the relay would hold its batch for 50 x 500 ms = 25 s per attempt.
        return Map.of("kafka.producers.outbox-relay.max.block.ms", "500");
    }

    @Test
    void aMissingTopicFailsTheBatchAtOnceAndEverythingGoesOutWhenItExists() {
        UUID task = UUID.randomUUID();
        List<OutboxWriter.Entry> entries = new ArrayList<>();
        for (int version = 1; version <= ROWS_FOR_MISSING_TOPIC; version++) {
            entries.add(new OutboxWriter.Entry(missingTopic, task.toString(), OutboxEvents.event(task, version)));
        }
        entries.add(new OutboxWriter.Entry(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, 51)));
        transactions.executeWrite(status -> {
            writer.appendAll(entries);
            return null;
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> failedSends() >= 1);
        await("the relay lets go of its batch soon after the first failed send")
                .atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> unlockedRows() == ROWS_FOR_MISSING_TOPIC + 1);
        assertThat(repository.countUnsent()).isEqualTo(ROWS_FOR_MISSING_TOPIC + 1);

        EmbeddedKafka.createTopics(infrastructure.bootstrapServers(), List.of(missingTopic), 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> repository.countUnsent() == 0);
        KafkaTestClient kafka = new KafkaTestClient(infrastructure.bootstrapServers());
        assertThat(kafka.readFromStart(missingTopic, ROWS_FOR_MISSING_TOPIC, Duration.ofSeconds(30)))
                .hasSize(ROWS_FOR_MISSING_TOPIC);
        assertThat(kafka.readFromStart(topic(Topics.TASK_EVENTS), r -> r.key().equals(task.toString()), 1,
                Duration.ofSeconds(30))).hasSize(1);
    }

    private double failedSends() {
        var counter = meters.find(RelayTelemetry.RECORDS).tag("topic", missingTopic).tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Outbox rows no transaction holds a lock on right now. */
    private long unlockedRows() {
        return transactions.executeWrite(status -> jdbc.prepareStatement("SELECT count(*) FROM (SELECT id FROM "
                + "messaging.outbox_message WHERE sent_at IS NULL FOR UPDATE SKIP LOCKED) free", ps -> {
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }
}
