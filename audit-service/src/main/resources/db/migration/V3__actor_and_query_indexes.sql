-- Who made each change. The hash covers it when present; rows written before this migration
-- have no actor and keep the hash they were written with.
ALTER TABLE audit_log ADD COLUMN actor TEXT;

CREATE FUNCTION audit_entry_hash(prev_hash TEXT, event_id UUID, event_type TEXT, schema_version INTEGER,
                                 task_id TEXT, user_id TEXT, aggregate_version BIGINT,
                                 occurred_at TIMESTAMPTZ, producer TEXT, correlation_id TEXT,
                                 causation_id TEXT, payload JSONB, actor TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$
SELECT CASE WHEN actor IS NULL
            THEN audit_entry_hash(prev_hash, event_id, event_type, schema_version, task_id, user_id,
                                  aggregate_version, occurred_at, producer, correlation_id, causation_id, payload)
            ELSE encode(sha256(convert_to(concat_ws('|', coalesce(prev_hash, ''), event_id::text, event_type,
                    schema_version::text, task_id, user_id, aggregate_version::text,
                    to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), producer,
                    coalesce(correlation_id, ''), coalesce(causation_id, ''), payload::text, 'actor=' || actor),
                    'UTF8')), 'hex')
       END
$$;

-- The query API pages by id within each filter.
CREATE INDEX audit_log_user_type ON audit_log (user_id, event_type, id);
CREATE INDEX audit_log_type ON audit_log (event_type, id);
CREATE INDEX audit_log_occurred ON audit_log (occurred_at, id);
