package io.taskstream.recurring.reminder;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.taskstream.events.EventPayload;
import io.taskstream.events.Topics;
import io.taskstream.events.codec.EventCodec;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.envelope.Envelopes;
import io.taskstream.events.notification.NotificationRequested;
import io.taskstream.events.reminder.ReminderDue;
import io.taskstream.events.task.TaskCompleted;
import io.taskstream.events.task.TaskCreated;
import io.taskstream.events.task.TaskEvent;
import io.taskstream.events.task.TaskPriority;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import io.taskstream.events.task.TaskUpdated;
import io.taskstream.localstack.junit.KafkaTestClient;
import io.taskstream.localstack.junit.RealInfrastructureTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reminders and overdue notices on the real broker and database: once at their time, never after completion. */
@MicronautTest(transactional = false)
class ReminderTest extends RealInfrastructureTest {

    private final EventCodec codec = EventCodec.standalone();

    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("taskstream.reminders.poll-interval", "200ms", "taskstream.outbox.poll-interval", "100ms");
    }

    @Test
    void aReminderAndAnOverdueNoticeFireOnceAtTheirTimeEvenWhenTheTaskEventIsRedelivered() {
        UUID task = UUID.randomUUID();
        Instant due = Instant.now().plusSeconds(63).truncatedTo(ChronoUnit.SECONDS);
        byte[] created = event(new TaskCreated(snapshot(task, due, 1, TaskStatus.OPEN, 1)), task);
        kafka().send(topic(Topics.TASK_EVENTS), task.toString(), created);
        kafka().send(topic(Topics.TASK_EVENTS), task.toString(), created);

        kafka().readFromStart(topic(Topics.REMINDERS), r -> task.toString().equals(r.key()), 1, Duration.ofSeconds(30));
        List<ConsumerRecord<String, byte[]>> reminders = kafka().readFromStart(topic(Topics.REMINDERS),
                r -> task.toString().equals(r.key()), 2, Duration.ofSeconds(8));

        assertThat(reminders).as("published once").hasSize(1);
        ReminderDue reminder = codec.decode(reminders.get(0).value()).dataAs(ReminderDue.class);
        assertThat(reminder.remindAt()).isEqualTo(due.minusSeconds(60));
        assertThat(Instant.ofEpochMilli(reminders.get(0).timestamp())).isAfterOrEqualTo(due.minusSeconds(60));
        assertThat(notices(task, Duration.ofSeconds(1))).as("not overdue yet").isEmpty();
    }

    @Test
    void anOverdueNoticeIsAskedForOnceWhenTheDueTimePasses() {
        UUID task = UUID.randomUUID();
        Instant due = Instant.now().plusSeconds(2);
        kafka().send(topic(Topics.TASK_EVENTS), task.toString(), event(new TaskCreated(snapshot(task, due, null,
                TaskStatus.OPEN, 1)), task));

        List<NotificationRequested> notices = notices(task, Duration.ofSeconds(15));

        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).kind()).isEqualTo("overdue");
        assertThat(notices.get(0).userId()).isEqualTo("rita");
    }

    @Test
    void nothingFiresForATaskCompletedBeforeItsTime() {
        UUID task = UUID.randomUUID();
        // The reminder falls due 8 s from now: time enough for the completion to arrive first on a slow machine.
        Instant due = Instant.now().plusSeconds(68);
        kafka().send(topic(Topics.TASK_EVENTS), task.toString(), event(new TaskCreated(snapshot(task, due, 1,
                TaskStatus.OPEN, 1)), task));
        kafka().send(topic(Topics.TASK_EVENTS), task.toString(), event(new TaskCompleted(snapshot(task, due, 1,
                TaskStatus.COMPLETED, 2)), task));

        assertThat(kafka().readFromStart(topic(Topics.REMINDERS), r -> task.toString().equals(r.key()), 1,
                Duration.ofSeconds(12))).as("the reminder was due 8 s after creation").isEmpty();
        assertThat(notices(task, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void anEventOlderThanOneAlreadyAppliedChangesNoNotice() {
        UUID task = UUID.randomUUID();
        Instant due = Instant.now().plusSeconds(3600);
        EventEnvelope<TaskCompleted> completed = envelope(new TaskCompleted(snapshot(task, due, 5, TaskStatus.COMPLETED, 2)), task);
        EventEnvelope<TaskCreated> created = envelope(new TaskCreated(snapshot(task, due, 5, TaskStatus.OPEN, 1)), task);
        // Version 2 first, then version 1 (a late redrive): the task is done, so it has no notices.
        applyInOrder(task, completed, created);

        assertThat(pendingNotices(task)).as("version 1 arrived after version 2 and scheduled nothing").isZero();
    }

    @Test
    void anEditToACompletedTaskRevivesNoNotice() {
        UUID task = UUID.randomUUID();
        Instant due = Instant.now().plusSeconds(3600);
        EventEnvelope<TaskCreated> created = envelope(new TaskCreated(snapshot(task, due, 5, TaskStatus.OPEN, 1)), task);
        EventEnvelope<TaskCompleted> completed = envelope(new TaskCompleted(snapshot(task, due, 5, TaskStatus.COMPLETED, 2)), task);
        // api-service lets a completed task be renamed: the update keeps status completed.
        EventEnvelope<TaskUpdated> renamed = envelope(new TaskUpdated(snapshot(task, due, 5, TaskStatus.COMPLETED, 3),
                List.of()), task);
        applyInOrder(task, created, completed, renamed);

        assertThat(pendingNotices(task)).as("the task is done: renaming it schedules no reminder or overdue notice").isZero();
    }

    /** Sends the events on the task's key and waits until recurring-service has applied every one. */
    private void applyInOrder(UUID task, EventEnvelope<?>... events) {
        for (EventEnvelope<?> event : events) {
            kafka().send(topic(Topics.TASK_EVENTS), task.toString(), codec.encode(event));
        }
        Object[] ids = java.util.Arrays.stream(events).map(EventEnvelope::eventId).toArray();
        String marks = String.join(", ", java.util.Collections.nCopies(ids.length, "?"));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM messaging.processed_event "
                + "WHERE event_id IN (" + marks + ")", ids) == ids.length);
    }

    private long pendingNotices(UUID task) {
        return count("SELECT count(*) FROM reminder WHERE task_id = ? AND status = 'pending'", task);
    }

    private long count(String sql, Object... args) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            ResultSet rs = statement.executeQuery();
            rs.next();
            return rs.getLong(1);
        }));
    }

    /** The notices asked for this task; waits for a second one so a duplicate would show. */
    private List<NotificationRequested> notices(UUID task, Duration wait) {
        return kafka().readFromStart(topic(Topics.NOTIFICATION_REQUEST),
                        r -> task.equals(codec.decode(r.value()).dataAs(NotificationRequested.class).taskId()), 2, wait)
                .stream().map(r -> codec.decode(r.value()).dataAs(NotificationRequested.class)).toList();
    }

    private KafkaTestClient kafka() {
        return new KafkaTestClient(infrastructure.bootstrapServers());
    }

    private byte[] event(EventPayload payload, UUID task) {
        return codec.encode(envelope(payload, task));
    }

    private static <T extends EventPayload> EventEnvelope<T> envelope(T payload, UUID task) {
        long version = payload instanceof TaskEvent event ? event.task().version() : 1;
        return Envelopes.create("api-service", task.toString(), version, "rita", "rita", null, null, Instant.now(), payload);
    }

    private static TaskSnapshot snapshot(UUID task, Instant due, Integer reminderMinutes, TaskStatus status, long version) {
        Instant now = Instant.now();
        return new TaskSnapshot(task, "rita", "Pay the rent", null, status, TaskPriority.NORMAL, List.of(), due,
                reminderMinutes, null, null, now, now, status == TaskStatus.COMPLETED ? now : null, version);
    }
}
