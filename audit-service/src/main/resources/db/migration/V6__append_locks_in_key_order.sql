-- audit_log_append (V5) took the per-user chain locks in user-id order, but a lock's key is a hash
-- of the user id: two users with colliding keys could make two writers wait for each other. The
-- locks are now taken in key order, which is the same for every writer. Nothing else changes.
CREATE OR REPLACE FUNCTION audit_log_append(lock_order TEXT[], event_ids UUID[], event_types TEXT[],
                                 schema_versions INTEGER[], task_ids TEXT[], user_ids TEXT[], actors TEXT[],
                                 aggregate_versions BIGINT[], occurred_ats TIMESTAMPTZ[], producers TEXT[],
                                 correlation_ids TEXT[], causation_ids TEXT[], payloads JSONB[]) RETURNS INTEGER
    LANGUAGE plpgsql AS $$
DECLARE
    k          INTEGER;
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
    -- The locks are taken in the order of their keys, not of the user ids: two users whose keys
    -- collide would otherwise let two writers take the same two locks in opposite orders.
    FOR k IN SELECT DISTINCT hashtext('audit:' || x) FROM unnest(lock_order) AS x ORDER BY 1 LOOP
        PERFORM pg_advisory_xact_lock(k);
    END LOOP;
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
