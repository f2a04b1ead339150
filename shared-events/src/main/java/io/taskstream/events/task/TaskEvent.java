package io.taskstream.events.task;

import io.taskstream.events.EventPayload;

/** A payload on {@code task-events}; every one carries the task snapshot after the change. */
public sealed interface TaskEvent extends EventPayload
        permits TaskCreated, TaskUpdated, TaskCompleted, TaskReopened, TaskDeleted {

    TaskSnapshot task();
}
