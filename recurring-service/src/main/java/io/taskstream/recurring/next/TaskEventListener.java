package io.taskstream.recurring.next;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.taskstream.messaging.consumer.IdempotentConsumer;
import io.taskstream.recurring.reminder.ReminderPlanner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Task events, one at a time (a completion may call api-service), committed after each is handled:
 * they keep the reminder table current and create next occurrences.
 */
@KafkaListener(groupId = TaskEventListener.GROUP, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC_PER_RECORD,
        properties = @Property(name = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                value = "${taskstream.consumer.session-timeout-ms:15000}"),
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "5s",
                retryCount = Integer.MAX_VALUE))
public class TaskEventListener {

    static final String GROUP = "recurring-service";

    private final ReminderPlanner reminders;
    private final NextOccurrenceHandler nextOccurrence;
    private final IdempotentConsumer consumer;

    TaskEventListener(ReminderPlanner reminders, NextOccurrenceHandler nextOccurrence, IdempotentConsumer consumer) {
        this.reminders = reminders;
        this.nextOccurrence = nextOccurrence;
        this.consumer = consumer;
    }

    @Topic("${taskstream.topics.task-events}")
    void receive(ConsumerRecord<String, byte[]> record) {
        consumer.process(GROUP, record, (event, r) -> {
            reminders.handle(event);
            nextOccurrence.handle(event);
        });
    }
}
