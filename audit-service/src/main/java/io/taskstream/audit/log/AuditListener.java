package io.taskstream.audit.log;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.taskstream.messaging.consumer.IdempotentBatchConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Stores every task event once. Each poll is stored in one transaction (one commit for up to
 * {@code max.poll.records} events); the offsets are committed only after it, so a crash in between
 * redelivers the batch and the processed_event ledger makes the repeat change nothing.
 */
@KafkaListener(groupId = AuditListener.GROUP, batch = true, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        // A crashed replica's partitions move to a live one after this long (Kafka's default is 45 s).
        properties = {
                @Property(name = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        value = "${taskstream.consumer.session-timeout-ms:15000}"),
                // Bigger polls, fewer transactions: a poll is stored with one server-side call and one commit.
                @Property(name = ConsumerConfig.MAX_POLL_RECORDS_CONFIG, value = "${taskstream.audit.max-poll-records:2000}"),
                // Under a steady trickle a fetch would return each record on its own, and every poll costs a
                // transaction, a ledger insert and an offset commit: let the broker gather up to 50 ms first.
                @Property(name = ConsumerConfig.FETCH_MIN_BYTES_CONFIG, value = "${taskstream.audit.fetch-min-bytes:65536}"),
                @Property(name = ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, value = "${taskstream.audit.fetch-max-wait-ms:50}")},
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "5s",
                retryCount = Integer.MAX_VALUE))
public class AuditListener {

    static final String GROUP = "audit-service";

    private final AuditLogWriter writer;
    private final IdempotentBatchConsumer consumer;

    AuditListener(AuditLogWriter writer, IdempotentBatchConsumer consumer) {
        this.writer = writer;
        this.consumer = consumer;
    }

    @Topic("${taskstream.topics.task-events}")
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        consumer.process(GROUP, records, writer::append);
    }
}
