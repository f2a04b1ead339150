package io.taskstream.recurring.reminder;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;
import io.taskstream.messaging.outbox.OutboxWriter;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

/**
 * Publishes notices that are due: each claimed with {@code FOR UPDATE SKIP LOCKED} (so replicas
 * share the work), written to the outbox and marked sent in one transaction — published once.
 */
@Singleton
@Requires(property = "taskstream.reminders.scheduler.enabled", notEquals = "false")
class ReminderScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderScheduler.class);
    private static final String PRODUCER = "recurring-service";

    private final ReminderRepository reminders;
    private final OutboxWriter outbox;
    private final TransactionOperations<Connection> transactions;
    private final String remindersTopic;
    private final String notificationTopic;
    private final int batchSize;

    ReminderScheduler(ReminderRepository reminders, OutboxWriter outbox, TransactionOperations<Connection> transactions,
                      @Value("${taskstream.topics.reminders}") String remindersTopic,
                      @Value("${taskstream.topics.notification-request}") String notificationTopic,
                      @Value("${taskstream.reminders.batch-size:100}") int batchSize) {
        this.reminders = reminders;
        this.outbox = outbox;
        this.transactions = transactions;
        this.remindersTopic = remindersTopic;
        this.notificationTopic = notificationTopic;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelay = "${taskstream.reminders.poll-interval:1s}", initialDelay = "2s")
    void publishDue() {
        int published;
        do {
            published = transactions.executeWrite(status -> {
                List<ReminderRepository.DueReminder> due = reminders.claimDue(batchSize);
                for (ReminderRepository.DueReminder reminder : due) {
                    publish(reminder);
                    reminders.markSent(reminder.taskId(), reminder.kind());
                }
                return due.size();
            });
            if (published > 0) {
                LOG.info("published {} due notice(s)", published);
            }
        } while (published == batchSize);
    }

    private void publish(ReminderRepository.DueReminder r) {
        Instant now = Instant.now();
        if (ReminderPlanner.REMINDER.equals(r.kind())) {
            EventEnvelope<EventPayload> event = Envelopes.create(PRODUCER, r.taskId().toString(), 0, r.userId(), PRODUCER,
                    null, null, now, new ReminderDue(r.taskId(), r.userId(), r.title(), r.dueAt(), r.fireAt()));
            outbox.append(remindersTopic, r.taskId().toString(), event);
        } else {
            var request = new NotificationRequested(r.userId(), "overdue", "Overdue: " + r.title(),
                    "\u201c" + r.title() + "\u201d was due at " + r.dueAt() + ".", r.taskId(), List.of("in_app", "email"), false);
            outbox.append(notificationTopic, r.userId(),
                    Envelopes.create(PRODUCER, r.taskId().toString(), 0, r.userId(), PRODUCER, null, null, now, request));
        }
    }
}
