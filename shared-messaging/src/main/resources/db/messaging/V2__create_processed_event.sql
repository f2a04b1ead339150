-- Effectively-once consumption: a consumer group's handler runs for an event id only if this
-- insert succeeds in the same transaction as the handler's own writes.
CREATE TABLE processed_event (
    consumer_group TEXT        NOT NULL,
    event_id       UUID        NOT NULL,
    processed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
