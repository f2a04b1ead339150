package io.taskstream.messaging.consumer;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Requires;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A batch listener for tests, shaped like a real service's: it applies task events through
 * {@link IdempotentBatchConsumer} and remembers what it applied. Events whose id is in
 * {@link #rejected} fail as invalid, those in {@link #refused} with a checked exception; a record keyed {@value #DIE} kills the listener thread.
 */
@Requires(property = "test.recording-listener", value = "true")
@KafkaListener(groupId = RecordingListener.GROUP, batch = true, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s",
                retryCount = Integer.MAX_VALUE))
public class RecordingListener {

    public static final String GROUP = "shared-messaging-test";
    public static final String DIE = "die";

    public final Set<UUID> rejected = ConcurrentHashMap.newKeySet();
    public final Set<UUID> refused = ConcurrentHashMap.newKeySet();
    /** Polls whose processing threw (to be retried by the listener). */
    public final java.util.concurrent.atomic.AtomicInteger pollsFailed = new java.util.concurrent.atomic.AtomicInteger();
    private final IdempotentBatchConsumer consumer;
    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;

    RecordingListener(IdempotentBatchConsumer consumer, JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        this.consumer = consumer;
        this.jdbc = jdbc;
        this.transactions = transactions;
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "CREATE TABLE IF NOT EXISTS test_applied_event (event_id UUID NOT NULL)", PreparedStatement::execute));
    }

    /** Every event applied, one row per application (no key, so a double application would show). */
    public List<UUID> applied() {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT event_id FROM test_applied_event",
                statement -> {
                    ResultSet rs = statement.executeQuery();
                    List<UUID> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                    return ids;
                }));
    }

    @Topic("${taskstream.topics.task-events}")
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        if (records.stream().anyMatch(r -> DIE.equals(r.key()))) {
            throw new ListenerKilled();
        }
        try {
            apply(records);
        } catch (RuntimeException e) {
            pollsFailed.incrementAndGet();
            throw e;
        }
    }

    private void apply(List<ConsumerRecord<String, byte[]>> records) {
        consumer.process(GROUP, records, events -> {
            for (var event : events) {
                if (rejected.contains(event.eventId())) {
                    throw new NonRetryableException("rejected by the test: " + event.eventId());
                }
                if (refused.contains(event.eventId())) {
                    throw new java.io.IOException("refused by the test: " + event.eventId());
                }
                jdbc.prepareStatement("INSERT INTO test_applied_event (event_id) VALUES (?)", statement -> {
                    statement.setObject(1, event.eventId());
                    return statement.executeUpdate();
                });
            }
        });
    }

    /** What kills a poll loop in micronaut-kafka 5.9: an Error, which its loop does not catch. */
    static final class ListenerKilled extends Error {
        ListenerKilled() {
            super("listener thread killed by the test");
        }
    }
}
