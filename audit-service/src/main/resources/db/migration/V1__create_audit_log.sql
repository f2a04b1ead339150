-- One row per task event, unique by event id so a redelivered event is stored once.
CREATE TABLE audit_log (
    id                BIGSERIAL PRIMARY KEY,
    event_id          UUID        NOT NULL UNIQUE,
    event_type        TEXT        NOT NULL,
    schema_version    INTEGER     NOT NULL,
    task_id           TEXT        NOT NULL,
    user_id           TEXT        NOT NULL,
    aggregate_version BIGINT      NOT NULL,
    occurred_at       TIMESTAMPTZ NOT NULL,
    producer          TEXT        NOT NULL,
    correlation_id    TEXT,
    causation_id      TEXT,
    payload           JSONB       NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_task ON audit_log (task_id, aggregate_version);
CREATE INDEX audit_log_user ON audit_log (user_id, occurred_at);
