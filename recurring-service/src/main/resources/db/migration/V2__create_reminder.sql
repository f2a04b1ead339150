-- Upcoming notices per task, kept current from task events: a 'reminder' at due_at minus the task's
-- reminder offset, and an 'overdue' notice at due_at. The scheduler publishes each at most once.
CREATE TABLE reminder (
    task_id   UUID        NOT NULL,
    kind      TEXT        NOT NULL CHECK (kind IN ('reminder', 'overdue')),
    user_id   TEXT        NOT NULL,
    title     TEXT        NOT NULL,
    due_at    TIMESTAMPTZ NOT NULL,
    fire_at   TIMESTAMPTZ NOT NULL,
    status    TEXT        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'cancelled')),
    sent_at   TIMESTAMPTZ,
    PRIMARY KEY (task_id, kind)
);
CREATE INDEX reminder_due ON reminder (fire_at) WHERE status = 'pending';
