package io.taskstream.messaging.outbox;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas' relays on one database: every event published once, each key in order. */
@MicronautTest(transactional = false)
class OutboxRelayRaceTest extends RealInfrastructureTest {

    @Inject
    ApplicationContext context;
    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRepository repository;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    EventCodec codec;

    @Test
    void twoRelaysPublishEachEventOnceAndInOrder() throws Exception {
        Map<String, Object> sameDatabase = new HashMap<>(getProperties());
        sameDatabase.put("datasources.default.url", context.getProperty("datasources.default.url", String.class).orElseThrow());
        List<UUID> tasks = LongStream.range(0, 6).mapToObj(i -> UUID.randomUUID()).toList();
        try (ApplicationContext secondReplica = ApplicationContext.run(sameDatabase, "test")) {
            ExecutorService writers = Executors.newFixedThreadPool(3);
            List<Future<?>> done = new ArrayList<>();
            for (UUID task : tasks) {
                done.add(writers.submit(() -> {
                    for (long version = 1; version <= 40; version++) {
                        long v = version;
                        transactions.executeWrite(status -> {
                            writer.append(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, v));
                            return null;
                        });
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            await().atMost(Duration.ofSeconds(30)).until(() -> repository.countUnsent() == 0);
        }

        List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(Topics.TASK_EVENTS), 240, Duration.ofSeconds(30));
        assertThat(records).hasSize(240);
        assertThat(records.stream().map(r -> codec.decode(r.value()).eventId())).doesNotHaveDuplicates();
        List<Long> oneToForty = LongStream.rangeClosed(1, 40).boxed().toList();
        assertThat(OutboxEvents.versionsByKey(records, codec)).hasSize(6)
                .allSatisfy((key, versions) -> assertThat(versions).isEqualTo(oneToForty));
    }
}
