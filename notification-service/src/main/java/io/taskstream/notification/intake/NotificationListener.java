package io.taskstream.notification.intake;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.taskstream.messaging.consumer.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Stores one notification per notification request or reminder, effectively once: the
 * processed_event ledger and the unique source event id make a redelivery change nothing, and the
 * offset is committed only after the record is stored or dead-lettered.
 */
@KafkaListener(groupId = NotificationListener.GROUP, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        // A crashed replica's partitions move to a live one after this long (Kafka's default is 45 s).
        properties = @Property(name = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                value = "${taskstream.consumer.session-timeout-ms:15000}"),
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "5s",
                retryCount = Integer.MAX_VALUE))
public class NotificationListener {

    static final String GROUP = "notification-service";

    private final NotificationIntake intake;
    private final IdempotentConsumer consumer;

    NotificationListener(NotificationIntake intake, IdempotentConsumer consumer) {
        this.intake = intake;
        this.consumer = consumer;
    }

    @Topic({"${taskstream.topics.notification-request}", "${taskstream.topics.reminders}"})
    void receive(ConsumerRecord<String, byte[]> record) {
        consumer.process(GROUP, record, intake::handle);
    }
}
