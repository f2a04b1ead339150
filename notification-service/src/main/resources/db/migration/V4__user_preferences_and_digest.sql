-- Per-user delivery preferences (GET/PUT /me/preferences). No row = the defaults: every channel
-- allowed, no quiet hours, no digest, timezone from user_contact (else UTC).
CREATE TABLE user_preferences (
    user_id        TEXT        PRIMARY KEY,
    timezone       TEXT,
    quiet_start    TIME,
    quiet_end      TIME,
    digest_minutes INTEGER     NOT NULL DEFAULT 0 CHECK (digest_minutes BETWEEN 0 AND 1440),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);

-- Channel switches per notification kind; kind '*' is the user's default for kinds without a row.
CREATE TABLE user_channel_preferences (
    user_id TEXT    NOT NULL REFERENCES user_preferences (user_id) ON DELETE CASCADE,
    kind    TEXT    NOT NULL,
    channel TEXT    NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
    enabled BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);

-- 'skipped': the user switched this channel off for the notification's kind; never sent.
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check;
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check
    CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'deferred', 'skipped'));

-- digest: an email row that waits for the user's digest window and is sent merged with the other
-- due digest rows of the same user. digest_of: the notification whose email carried it (set when
-- two or more rows were merged; the carrying row points at itself).
ALTER TABLE notification_deliveries ADD COLUMN digest BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE notification_deliveries ADD COLUMN digest_of UUID;
