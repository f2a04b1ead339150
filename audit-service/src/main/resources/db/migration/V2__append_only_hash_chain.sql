-- Tamper evidence: each entry hashes its canonical content together with the previous entry's
-- hash of the same user (one chain per user). The function is the single definition of
-- "canonical content", used both when an entry is written and when a chain is verified.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE FUNCTION audit_entry_hash(prev_hash TEXT, event_id UUID, event_type TEXT, schema_version INTEGER,
                                 task_id TEXT, user_id TEXT, aggregate_version BIGINT,
                                 occurred_at TIMESTAMPTZ, producer TEXT, correlation_id TEXT,
                                 causation_id TEXT, payload JSONB) RETURNS TEXT
    LANGUAGE sql IMMUTABLE AS $$
SELECT encode(sha256(convert_to(concat_ws('|', coalesce(prev_hash, ''), event_id::text, event_type,
        schema_version::text, task_id, user_id, aggregate_version::text,
        to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), producer,
        coalesce(correlation_id, ''), coalesce(causation_id, ''), payload::text), 'UTF8')), 'hex')
$$;

-- Entries recorded before this migration start the chains.
UPDATE audit_log a SET hash = audit_entry_hash(NULL, a.event_id, a.event_type, a.schema_version, a.task_id,
    a.user_id, a.aggregate_version, a.occurred_at, a.producer, a.correlation_id, a.causation_id, a.payload)
WHERE hash IS NULL;
ALTER TABLE audit_log ALTER COLUMN hash SET NOT NULL;
CREATE INDEX audit_log_user_chain ON audit_log (user_id, id);

-- Append-only, enforced by the database itself.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_reject_change();
