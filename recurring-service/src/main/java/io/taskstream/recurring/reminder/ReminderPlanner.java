package io.taskstream.recurring.reminder;

import io.taskstream.events.EventPayload;
import io.taskstream.events.envelope.EventEnvelope;
import io.taskstream.events.task.TaskCompleted;
import io.taskstream.events.task.TaskDeleted;
import io.taskstream.events.task.TaskEvent;
import io.taskstream.events.task.TaskSnapshot;
import io.taskstream.events.task.TaskStatus;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Keeps the {@code reminder} table in step with task events: an open task with a due time has an
 * 'overdue' notice at its due time and, with a reminder offset, a 'reminder' that much earlier;
 * completing or deleting the task cancels them, rescheduling moves them. An event older than one
 * already applied for its task changes nothing: the newer one said what the notices are.
 */
@Singleton
public class ReminderPlanner {

    static final String REMINDER = "reminder";
    static final String OVERDUE = "overdue";

    private final ReminderRepository reminders;

    ReminderPlanner(ReminderRepository reminders) {
        this.reminders = reminders;
    }

    /** Runs inside the consumer's transaction. */
    public void handle(EventEnvelope<EventPayload> event) {
        if (!(event.data() instanceof TaskEvent taskEvent)) {
            return;
        }
        TaskSnapshot task = taskEvent.task();
        if (!reminders.advance(task.id(), event.aggregateVersion())) {
            return;
        }
        // A completed task can still be edited (TaskUpdated keeps its status): only an open task has notices.
        if (taskEvent instanceof TaskCompleted || taskEvent instanceof TaskDeleted || task.status() != TaskStatus.OPEN
                || task.dueAt() == null) {
            reminders.cancel(task.id(), null);
            return;
        }
        reminders.schedule(task.id(), OVERDUE, task.userId(), task.title(), task.dueAt(), task.dueAt());
        if (task.reminderOffsetMinutes() == null) {
            reminders.cancel(task.id(), REMINDER);
        } else {
            reminders.schedule(task.id(), REMINDER, task.userId(), task.title(), task.dueAt(),
                    task.dueAt().minus(Duration.ofMinutes(task.reminderOffsetMinutes())));
        }
    }
}
