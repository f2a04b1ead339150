-- One row per thing a user was told. source_event_id is the event that asked for it, so a
-- redelivered request can never store a second notification (on top of messaging.processed_event).
CREATE TABLE notifications (
    id                UUID        PRIMARY KEY,
    user_id           TEXT        NOT NULL,
    kind              TEXT        NOT NULL,
    title             TEXT        NOT NULL,
    message           TEXT        NOT NULL,
    task_id           UUID,
    channels          TEXT[]      NOT NULL,
    critical          BOOLEAN     NOT NULL DEFAULT false,
    source_event_id   UUID        NOT NULL UNIQUE,
    source_event_type TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    read_at           TIMESTAMPTZ,
    seen_at           TIMESTAMPTZ,
    archived_at       TIMESTAMPTZ
);

-- The inbox: newest first per user (keyset pagination on created_at, id).
CREATE INDEX notifications_inbox ON notifications (user_id, created_at DESC, id DESC);
-- The unread badge.
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL AND archived_at IS NULL;

-- One row per requested channel of a notification: its delivery state. in_app is delivered when
-- the notification is stored; email and sms wait (pending) for their senders.
CREATE TABLE notification_deliveries (
    notification_id UUID        NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    channel         TEXT        NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'deferred')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    PRIMARY KEY (notification_id, channel)
);

-- What a sender claims next (FOR UPDATE SKIP LOCKED on due rows).
CREATE INDEX notification_deliveries_due ON notification_deliveries (channel, next_attempt_at)
    WHERE status IN ('pending', 'deferred');
