-- audit_log_append took one lock per user of a poll. Two replicas (their polls holding different users)
-- then drew ids from the sequence at the same time and committed in either order: while the one with
-- the lower ids was still inserting, a reader paging by id (`/audit`, `/audit/export` across users)
-- could read the other's higher ids and move its cursor past entries that then committed, never to be
-- listed. A poll of thousands of users also took thousands of advisory locks, from a lock table the
-- whole PostgreSQL cluster shares. Appends now take one lock, so ids commit in order. Replicas append
-- one at a time; one writer stores about 9k events/s (bench), ten times what the API produces here.
CREATE OR REPLACE FUNCTION audit_log_append(lock_order TEXT[], event_ids UUID[], event_types TEXT[],
                                 schema_versions INTEGER[], task_ids TEXT[], user_ids TEXT[], actors TEXT[],
                                 aggregate_versions BIGINT[], occurred_ats TIMESTAMPTZ[], producers TEXT[],
                                 correlation_ids TEXT[], causation_ids TEXT[], payloads JSONB[]) RETURNS INTEGER
    LANGUAGE plpgsql AS $$
DECLARE
    e          RECORD;
    last_hash  TEXT[];
    h          TEXT;
    n          INTEGER := 0;
    seq        REGCLASS := pg_get_serial_sequence('audit_log', 'id')::regclass;
    ords       INTEGER[] := '{}';
    ids        BIGINT[] := '{}';
    prevs      TEXT[] := '{}';
    hashes     TEXT[] := '{}';
BEGIN
    -- One lock for every writer, held to commit: ids are drawn and made visible in the same order, so a
    -- reader paging by id never passes an id that commits later. It also serializes each user's chain.
    -- (lock_order, the per-user locks' order before V7, is no longer used; the signature stays.)
    PERFORM pg_advisory_xact_lock(hashtext('taskstream.audit'), 0);
    -- users of the batch, numbered 1..k in first-appearance order
    SELECT array_agg((SELECT a.hash FROM audit_log a WHERE a.user_id = b.user_id ORDER BY a.id DESC LIMIT 1) ORDER BY b.first)
    INTO last_hash
    FROM (SELECT x.user_id, min(x.ord) AS first FROM unnest(user_ids) WITH ORDINALITY AS x(user_id, ord) GROUP BY x.user_id) b;

    FOR e IN
        SELECT d.* FROM (
            SELECT b.*, dense_rank() OVER (ORDER BY f.first) AS uidx,
                   row_number() OVER (PARTITION BY b.event_id ORDER BY b.ord) AS nth
            FROM unnest(event_ids, event_types, schema_versions, task_ids, user_ids, aggregate_versions,
                        occurred_ats, producers, correlation_ids, causation_ids, payloads, actors)
                     WITH ORDINALITY AS b(event_id, event_type, schema_version, task_id, user_id, aggregate_version,
                                          occurred_at, producer, correlation_id, causation_id, payload, actor, ord)
            JOIN (SELECT x.user_id, min(x.ord) AS first FROM unnest(user_ids) WITH ORDINALITY AS x(user_id, ord)
                  GROUP BY x.user_id) f ON f.user_id = b.user_id) d
        WHERE d.nth = 1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.event_id = d.event_id)
        ORDER BY d.ord
    LOOP
        h := audit_entry_hash(last_hash[e.uidx], e.event_id, e.event_type, e.schema_version, e.task_id, e.user_id,
                              e.aggregate_version, e.occurred_at, e.producer, e.correlation_id, e.causation_id,
                              e.payload, e.actor);
        n := n + 1;
        ords[n] := e.ord;
        ids[n] := nextval(seq);
        prevs[n] := last_hash[e.uidx];
        hashes[n] := h;
        last_hash[e.uidx] := h;
    END LOOP;

    INSERT INTO audit_log (id, event_id, event_type, schema_version, task_id, user_id, actor, aggregate_version,
                           occurred_at, producer, correlation_id, causation_id, payload, prev_hash, hash)
    SELECT r.id, b.event_id, b.event_type, b.schema_version, b.task_id, b.user_id, b.actor, b.aggregate_version,
           b.occurred_at, b.producer, b.correlation_id, b.causation_id, b.payload, r.prev_hash, r.hash
    FROM unnest(ids, ords, prevs, hashes) AS r(id, ord, prev_hash, hash)
    JOIN unnest(event_ids, event_types, schema_versions, task_ids, user_ids, aggregate_versions,
                occurred_ats, producers, correlation_ids, causation_ids, payloads, actors)
             WITH ORDINALITY AS b(event_id, event_type, schema_version, task_id, user_id, aggregate_version,
                                  occurred_at, producer, correlation_id, causation_id, payload, actor, ord)
      ON b.ord = r.ord
    ORDER BY r.id;
    RETURN n;
END;
$$;
