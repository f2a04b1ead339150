-- Transactional outbox: rows are written in the same transaction as the state change they
-- describe, and published to Kafka by the relay afterwards.
CREATE TABLE outbox_message (
    id                BIGSERIAL PRIMARY KEY,
    event_id          UUID        NOT NULL UNIQUE,
    topic             TEXT        NOT NULL,
    message_key       TEXT        NOT NULL,
    event_type        TEXT        NOT NULL,
    payload           TEXT        NOT NULL,
    aggregate_id      TEXT,
    aggregate_version BIGINT      NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at           TIMESTAMPTZ
);

-- The relay's claim query walks only unsent rows, in id order.
CREATE INDEX outbox_message_unsent ON outbox_message (id) WHERE sent_at IS NULL;
-- Clean-up of published rows by age.
CREATE INDEX outbox_message_sent_at ON outbox_message (sent_at) WHERE sent_at IS NOT NULL;

-- Wake relays (LISTEN outbox_message) when rows commit, so latency does not depend on polling.
CREATE FUNCTION outbox_message_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('outbox_message', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER outbox_message_inserted
    AFTER INSERT ON outbox_message
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_message_notify();
