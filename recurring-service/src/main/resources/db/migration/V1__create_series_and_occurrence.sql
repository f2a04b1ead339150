-- What this service knows of each recurring series, learned from task events: the rule, and the
-- series start (DTSTART: the first occurrence's due time on the series' wall clock), which events
-- do not carry but COUNT and from_schedule need.
CREATE TABLE series (
    series_id  UUID PRIMARY KEY,
    user_id    TEXT        NOT NULL,
    rrule      TEXT        NOT NULL,
    timezone   TEXT        NOT NULL,
    mode       TEXT        NOT NULL,
    dtstart    TIMESTAMP   NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Each occurrence this service created. The primary key is the guard that a series never gets two
-- tasks for the same time, whatever is redelivered or re-completed.
CREATE TABLE occurrence (
    series_id       UUID        NOT NULL REFERENCES series (series_id),
    occurs_at       TIMESTAMPTZ NOT NULL,
    number          INTEGER     NOT NULL,
    source_event_id UUID        NOT NULL,
    task_id         UUID,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (series_id, occurs_at)
);
CREATE UNIQUE INDEX occurrence_task ON occurrence (task_id);
