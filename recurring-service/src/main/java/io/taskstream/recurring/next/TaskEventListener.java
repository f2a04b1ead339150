package io.taskstream.recurring.next;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.configuration.kafka.annotation.Topic;
import io.micronaut.context.annotation.Property;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.messaging.consumer.IdempotentBatchConsumer;
import io.taskstream.recurring.reminder.ReminderPlanner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * Task events keep the reminder table current and create next occurrences. Each poll is handled in
 * one transaction, event by event in record order, and its offsets are committed after that commit.
 * A completion may call api-service inside it: its Idempotency-Key makes the call a replay when the
 * poll is retried record by record after a failure, or redelivered after a crash.
 */
@KafkaListener(groupId = TaskEventListener.GROUP, batch = true, offsetReset = OffsetReset.EARLIEST,
        offsetStrategy = OffsetStrategy.SYNC,
        properties = {
                @Property(name = ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                        value = "${taskstream.consumer.session-timeout-ms:15000}"),
                // Fewer, bigger polls under a steady trickle (each costs a transaction and an offset commit);
                // a next occurrence or a reminder that is 50 ms later changes nothing for its user.
                @Property(name = ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
                        value = "${taskstream.recurring.fetch-min-bytes:65536}"),
                @Property(name = ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        value = "${taskstream.recurring.fetch-max-wait-ms:50}")},
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "5s",
                retryCount = Integer.MAX_VALUE))
public class TaskEventListener {

    static final String GROUP = "recurring-service";

    private final ReminderPlanner reminders;
    private final NextOccurrenceHandler nextOccurrence;
    private final IdempotentBatchConsumer consumer;

    TaskEventListener(ReminderPlanner reminders, NextOccurrenceHandler nextOccurrence, IdempotentBatchConsumer consumer) {
        this.reminders = reminders;
        this.nextOccurrence = nextOccurrence;
        this.consumer = consumer;
    }

    @Topic("${taskstream.topics.task-events}")
    void receive(List<ConsumerRecord<String, byte[]>> records) {
        consumer.processEach(GROUP, records, TaskEventListener::concernsThisService, (event, r) -> {
            reminders.handle(event);
            nextOccurrence.handle(event);
        });
    }

    /**
     * A new task with neither a due time nor a recurrence has no notices to schedule and no series
     * to join; the only event that can be said so of without reading the database. Most tasks are
     * like that, and skipping them keeps this consumer off PostgreSQL for them.
     */
    static boolean concernsThisService(EventEnvelope<EventPayload> event) {
        return !(event.data() instanceof TaskCreated created)
                || created.task().dueAt() != null || created.task().recurrence() != null;
    }
}
