package io.taskstream.messaging.outbox;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.EventPayload;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.EventHeaders;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
class OutboxRelayTest extends RealInfrastructureTest {

    @Inject
    OutboxWriter writer;
    @Inject
    OutboxRepository repository;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    EventCodec codec;

    @Test
    void publishesEveryCommittedRowOnceInPerKeyOrderWithHeaders() {
        List<UUID> tasks = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int version = 1; version <= 10; version++) {
            for (UUID task : tasks) {
                long v = version;
                transactions.executeWrite(status -> {
                    writer.append(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, v));
                    return null;
                });
            }
        }

        List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(Topics.TASK_EVENTS), r -> tasks.contains(UUID.fromString(r.key())), 30, Duration.ofSeconds(30));

        assertThat(records).hasSize(30);
        assertThat(OutboxEvents.versionsByKey(records, codec)).hasSize(3)
                .allSatisfy((key, versions) -> assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        ConsumerRecord<String, byte[]> first = records.get(0);
        EventEnvelope<EventPayload> decoded = codec.decode(first.value());
        assertThat(new String(first.headers().lastHeader(EventHeaders.EVENT_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo(decoded.eventId().toString());
        assertThat(new String(first.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(decoded.eventType());
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.countUnsent() == 0);
    }

    /** 30 rows committed at once: the relay (batch-size 7 here) publishes them batch after batch, each key in order, each row once. */
    @Test
    void publishesABacklogBatchAfterBatchInPerKeyOrderOnce() {
        List<UUID> tasks = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<OutboxWriter.Entry> entries = new java.util.ArrayList<>();
        for (int version = 1; version <= 10; version++) {
            for (UUID task : tasks) {
                entries.add(new OutboxWriter.Entry(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, version)));
            }
        }
        transactions.executeWrite(status -> {
            writer.appendAll(entries);
            return null;
        });

        List<ConsumerRecord<String, byte[]>> records = new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(Topics.TASK_EVENTS), r -> tasks.contains(UUID.fromString(r.key())), 30, Duration.ofSeconds(30));

        assertThat(records).hasSize(30);
        assertThat(records.stream().map(r -> codec.decode(r.value()).eventId()).distinct()).hasSize(30);
        assertThat(OutboxEvents.versionsByKey(records, codec)).hasSize(3)
                .allSatisfy((key, versions) -> assertThat(versions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.countUnsent() == 0);
    }

    @Inject
    OutboxMaintenance maintenance;
    @Inject
    io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;

    @Test
    void publishedRowsLeaveTheOutbox() {
        UUID task = UUID.randomUUID();
        transactions.executeWrite(status -> {
            writer.append(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, 1));
            return null;
        });
        new KafkaTestClient(infrastructure.bootstrapServers())
                .readFromStart(topic(Topics.TASK_EVENTS), r -> r.key().equals(task.toString()), 1, Duration.ofSeconds(30));

        await().atMost(Duration.ofSeconds(10)).until(() -> rowsOf(task) == 0);
    }

    /** Rows that relays before the delete-on-publish change marked sent: gone after the retention window, not before. */
    @Test
    void rowsMarkedSentAreDeletedAfterTheRetentionWindow() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        transactions.executeWrite(status -> {
            writer.append(topic(Topics.TASK_EVENTS), old.toString(), OutboxEvents.event(old, 1));
            writer.append(topic(Topics.TASK_EVENTS), recent.toString(), OutboxEvents.event(recent, 1));
            markSent(old, "2 days");
            markSent(recent, "1 hour");
            return null;
        });

        maintenance.deletePublishedRows();

        assertThat(rowsOf(old)).isZero();
        assertThat(rowsOf(recent)).isEqualTo(1);
    }

    private void markSent(UUID task, String ago) {
        jdbc.prepareStatement("UPDATE messaging.outbox_message SET sent_at = now() - ?::interval WHERE aggregate_id = ?", ps -> {
            ps.setString(1, ago);
            ps.setString(2, task.toString());
            return ps.executeUpdate();
        });
    }

    private long rowsOf(UUID task) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT count(*) FROM messaging.outbox_message WHERE aggregate_id = ?", ps -> {
                    ps.setString(1, task.toString());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
    }

    @Test
    void refusesToWriteOutsideATransaction() {
        UUID task = UUID.randomUUID();
        assertThatThrownBy(() -> writer.append(topic(Topics.TASK_EVENTS), task.toString(), OutboxEvents.event(task, 1)))
                .hasMessageContaining("transaction");
    }
}
