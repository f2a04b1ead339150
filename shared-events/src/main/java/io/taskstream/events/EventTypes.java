package io.taskstream.events;

/** Stable event type names: part of the wire contract, never renamed. */
public final class EventTypes {

    public static final String TASK_CREATED = "task.created";
    public static final String TASK_UPDATED = "task.updated";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String TASK_REOPENED = "task.reopened";
    public static final String TASK_DELETED = "task.deleted";
    public static final String TASK_BOARD_UPDATE = "task.board_update";
    public static final String NOTIFICATION_REQUESTED = "notification.requested";
    public static final String REMINDER_DUE = "reminder.due";

    private EventTypes() {
    }
}
