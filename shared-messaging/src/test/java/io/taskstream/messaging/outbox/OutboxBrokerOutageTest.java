package io.taskstream.messaging.outbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.localstack.infra.EmbeddedKafka;
import io.taskstream.localstack.infra.Ports;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A broker of its own, stopped and restarted under the relay: nothing is lost, order holds. */
@MicronautTest(transactional = false)
class OutboxBrokerOutageTest extends RealInfrastructureTest {

    private final Path brokerDir = tempDir();
    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    private EmbeddedKafka broker = startBroker();

    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRepository repository;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    EventCodec codec;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "kafka.producers.outbox-relay.delivery.timeout.ms", "8000",
                "kafka.producers.outbox-relay.request.timeout.ms", "3000",
                "kafka.producers.outbox-relay.max.block.ms", "3000");
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @Test
    void eventsWrittenWhileTheBrokerIsDownAreDeliveredInOrderWhenItReturns() {
        String topic = topic(Topics.TASK_EVENTS);
        EmbeddedKafka.createTopics(broker.bootstrapServers(), List.of(topic), 3);
        UUID task = UUID.randomUUID();
        write(topic, task, 1, 10);
        await().atMost(Duration.ofSeconds(20)).until(() -> repository.countUnsent() == 0);

        broker.close();
        write(topic, task, 11, 30);
        assertThat(repository.countUnsent()).as("writes keep working while Kafka is down").isEqualTo(20);
        await().atMost(Duration.ofSeconds(20)).until(() -> repository.oldestUnsentAgeSeconds() >= 5);

        broker = startBroker();
        await().atMost(Duration.ofSeconds(90)).until(() -> repository.countUnsent() == 0);

        List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(broker.bootstrapServers())
                .readFromStart(topic, 30, Duration.ofSeconds(30));
        List<Long> versions = records.stream().map(r -> codec.decode(r.value()).aggregateVersion()).toList();
        assertThat(versions.stream().distinct().toList())
                .as("every event arrived; a batch cut off by the outage may be re-sent, never reordered")
                .isEqualTo(LongStream.rangeClosed(1, 30).boxed().toList());
    }

    private void write(String topic, UUID task, long from, long to) {
        for (long version = from; version <= to; version++) {
            long v = version;
            transactions.executeWrite(status -> {
                writer.append(topic, task.toString(), OutboxEvents.event(task, v));
                return null;
            });
        }
    }

    private EmbeddedKafka startBroker() {
        return EmbeddedKafka.start(brokerDir, port, controllerPort, 3);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("outage-broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
