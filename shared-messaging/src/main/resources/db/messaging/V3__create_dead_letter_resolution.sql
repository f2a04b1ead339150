-- What an operator decided about a dead-lettered record. Kafka keeps the DLQ record itself; this
-- table makes each decision happen once (a second re-drive of the same record is refused) and
-- leaves a trail of who did what.
CREATE TABLE dead_letter_resolution (
    consumer_group TEXT        NOT NULL,
    dlq_topic      TEXT        NOT NULL,
    dlq_partition  INTEGER     NOT NULL,
    dlq_offset     BIGINT      NOT NULL,
    action         TEXT        NOT NULL CHECK (action IN ('redriven', 'discarded')),
    reason         TEXT,
    resolved_by    TEXT        NOT NULL,
    resolved_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, dlq_topic, dlq_partition, dlq_offset)
);
