-- Responses remembered per (user, Idempotency-Key), written in the same transaction as the change.
CREATE TABLE idempotent_request (
    user_id         TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    fingerprint     TEXT        NOT NULL,
    status          INTEGER     NOT NULL,
    body            TEXT,
    location        TEXT,
    etag            TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);

-- GET /tasks orders and filters.
CREATE INDEX task_user_updated ON task (user_id, updated_at, id);
CREATE INDEX task_user_due ON task (user_id, (COALESCE(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX task_tags ON task USING gin (tags);
