-- The newest version of each task the reminder planner has applied. A task event can arrive after a
-- newer one of the same task (a dead letter redriven late; a relay retry after a partial send): the
-- planner then leaves the notices as the newer version set them.
CREATE TABLE reminder_task_version (
    task_id UUID   NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
