CREATE TABLE task (
    id                      UUID PRIMARY KEY,
    user_id                 TEXT        NOT NULL,
    title                   TEXT        NOT NULL,
    description             TEXT,
    status                  TEXT        NOT NULL,
    priority                TEXT        NOT NULL,
    tags                    TEXT[]      NOT NULL DEFAULT '{}',
    due_at                  TIMESTAMPTZ,
    reminder_offset_minutes INTEGER,
    recurrence_rule         TEXT,
    recurrence_timezone     TEXT,
    recurrence_mode         TEXT,
    series_id               UUID,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL,
    completed_at            TIMESTAMPTZ,
    version                 BIGINT      NOT NULL
);

CREATE INDEX task_user_created ON task (user_id, created_at DESC, id);
