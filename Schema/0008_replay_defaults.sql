-- 0008 replay of old row images after a column is added; a reason for every adjust
--
-- 1. Audit rows and approved snapshots hold full row images (jsonb) as they were written. A
--    column added later (ALTER TABLE … ADD COLUMN c … DEFAULT d) is missing from every older
--    image, so jsonb_populate_record made it NULL in the replay while the live rows hold d:
--    audit_verify() would have called every existing table tampered. Replay now starts from the
--    column defaults: audit_image_defaults(t) is {column: default} for the columns of t that
--    have a constant default, and an image's own keys win over it (defaults || image). No
--    stored row or hash changes: hashes cover the images as written.
--    How to add a column: Schema/README.md.
-- 2. Core requires a non-blank reason for adjust as for return (ChangeReason): the CHECK on
--    workflow_event says so too, for new rows (NOT VALID: events written before stay as they are).

-- {column: default value} of the columns of p_table that have a default, evaluated once per
-- call. Sequence-backed and volatile defaults (nextval, random, clock_timestamp) are left out:
-- they have no single value an old image could have had (ids are in every image anyway).
CREATE FUNCTION audit_image_defaults(p_table regclass) RETURNS jsonb
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
DECLARE
    col record;
    result jsonb := '{}';
    value jsonb;
BEGIN
    FOR col IN
        SELECT a.attname, pg_get_expr(d.adbin, d.adrelid) AS expr
        FROM pg_attribute a
        JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attidentity = '' AND a.attgenerated = ''
          AND pg_get_expr(d.adbin, d.adrelid) !~* '(nextval|random|clock_timestamp|now|current_|gen_random|txid)'
        ORDER BY a.attnum
    LOOP
        EXECUTE format('SELECT to_jsonb(%s)', col.expr) INTO value;
        result := result || jsonb_build_object(col.attname, value);
    END LOOP;
    RETURN result;
END
$$;

CREATE OR REPLACE FUNCTION indicators_as_of_seq(p_table_id bigint, p_seq bigint) RETURNS SETOF indicator
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT r.*
    FROM (SELECT DISTINCT ins.indicator_id
          FROM audit_log ins
          WHERE ins.table_id = p_table_id AND ins.entity = 'indicator' AND ins.op = 'insert'
            AND ins.seq <= p_seq) AS ids
    CROSS JOIN LATERAL (
        SELECT a.op, a.new_values
        FROM audit_log a
        WHERE a.indicator_id = ids.indicator_id AND a.seq <= p_seq AND a.table_id = p_table_id
        ORDER BY a.seq DESC
        LIMIT 1) AS last
    CROSS JOIN LATERAL jsonb_populate_record(NULL::indicator, audit_image_defaults('indicator') || last.new_values) AS r
    WHERE last.op <> 'delete'
    ORDER BY r.position, r.id
$$;

CREATE OR REPLACE FUNCTION header_as_of_seq(p_table_id bigint, p_seq bigint) RETURNS SETOF target_table
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT r.*
    FROM (SELECT a.op, a.new_values
          FROM audit_log a
          WHERE a.table_id = p_table_id AND a.entity = 'table' AND a.seq <= p_seq
          ORDER BY a.seq DESC
          LIMIT 1) AS last
    CROSS JOIN LATERAL jsonb_populate_record(NULL::target_table, audit_image_defaults('target_table') || last.new_values) AS r
    WHERE last.op <> 'delete'
$$;

CREATE OR REPLACE FUNCTION audit_verify(p_table_id bigint DEFAULT NULL)
RETURNS TABLE (table_id bigint, seq bigint, reason text)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    WITH scope AS MATERIALIZED (
        SELECT h.table_id FROM audit_chain h WHERE p_table_id IS NULL OR h.table_id = p_table_id
        UNION
        SELECT t.id FROM target_table t WHERE p_table_id IS NULL OR t.id = p_table_id
        UNION
        SELECT p_table_id WHERE p_table_id IS NOT NULL
    ),
    per_table AS MATERIALIZED (
        SELECT s.table_id, h.last_seq AS head_seq, h.last_hash AS head_hash,
               l.seq AS last_seq, l.hash AS last_hash
        FROM scope s
        LEFT JOIN audit_chain h ON h.table_id = s.table_id
        LEFT JOIN LATERAL (SELECT a.seq, a.hash FROM audit_log a
                           WHERE a.table_id = s.table_id
                           ORDER BY a.seq DESC LIMIT 1) l ON true
    ),
    -- 1-3: walk each chain in seq order (primary key order: no sort), stop at the first bad row
    row_problems AS (
        SELECT x.table_id, x.seq, 1 AS priority, x.reason
        FROM per_table pt
        CROSS JOIN LATERAL (
            SELECT c.table_id, c.seq,
                   CASE
                       WHEN c.seq <> c.rn THEN
                           format('audit row seq %s is missing (rows deleted before seq %s)', c.rn, c.seq)
                       WHEN c.prev_hash <> coalesce(c.previous_hash, decode(repeat('00', 32), 'hex')) THEN
                           format('prev_hash of seq %s does not match the hash of seq %s (seq %s altered and re-hashed?)',
                                  c.seq, c.seq - 1, c.seq - 1)
                       WHEN c.hash <> c.recomputed THEN
                           format('hash mismatch at seq %s: the row was altered', c.seq)
                   END AS reason
            FROM (SELECT a.table_id, a.seq, a.prev_hash, a.hash,
                         audit_row_hash(a) AS recomputed,
                         row_number() OVER w AS rn,
                         lag(a.hash) OVER w AS previous_hash
                  FROM audit_log a
                  WHERE a.table_id = pt.table_id
                  WINDOW w AS (ORDER BY a.seq)) c
            WHERE c.seq <> c.rn
               OR c.prev_hash <> coalesce(c.previous_hash, decode(repeat('00', 32), 'hex'))
               OR c.hash <> c.recomputed
            ORDER BY c.seq
            LIMIT 1) x
        WHERE pt.last_seq IS NOT NULL
    ),
    -- 4: the chain head
    head_problems AS (
        SELECT pt.table_id,
               CASE WHEN pt.last_seq IS NULL THEN 1
                    ELSE least(pt.last_seq, coalesce(pt.head_seq, pt.last_seq)) + 1 END AS seq,
               2 AS priority,
               CASE
                   WHEN pt.head_seq IS NULL AND pt.last_seq IS NOT NULL THEN
                       format('audit rows up to seq %s exist but the chain head is missing', pt.last_seq)
                   WHEN pt.head_seq > 0 AND pt.last_seq IS NULL THEN
                       format('chain head says seq %s but no audit rows exist', pt.head_seq)
                   WHEN pt.head_seq > pt.last_seq THEN
                       format('chain head says seq %s but the last audit row is seq %s (rows deleted at the end?)',
                              pt.head_seq, pt.last_seq)
                   WHEN pt.head_seq < pt.last_seq THEN
                       format('audit rows after seq %s bypassed the chain head (last row is seq %s)',
                              pt.head_seq, pt.last_seq)
                   WHEN pt.head_hash <> pt.last_hash THEN
                       format('chain head hash differs from the hash of the last row (seq %s)', pt.last_seq)
               END AS reason
        FROM per_table pt
    ),
    -- 5: the current state equals the replay of the whole trail
    state_problems AS (
        SELECT pt.table_id, 0::bigint AS seq, 3 AS priority,
               format('target table %s exists but has no audit trail (created with audit triggers disabled?)',
                      pt.table_id) AS reason
        FROM per_table pt
        WHERE pt.last_seq IS NULL AND EXISTS (SELECT 1 FROM target_table t WHERE t.id = pt.table_id)
        UNION ALL
        SELECT pt.table_id, pt.last_seq, 3,
               format('current header of target table %s differs from the audit trail (changed with audit triggers disabled?)',
                      pt.table_id)
        FROM per_table pt
        WHERE pt.last_seq IS NOT NULL
          AND (SELECT t FROM target_table t WHERE t.id = pt.table_id)
              IS DISTINCT FROM (SELECT h FROM header_as_of_seq(pt.table_id, pt.last_seq) h)
        UNION ALL
        SELECT pt.table_id, pt.last_seq, 3,
               (SELECT format('current indicator %s of target table %s differs from the audit trail (changed with audit triggers disabled?)',
                              coalesce((cur.r).id, (rep.r).id), pt.table_id)
                FROM (SELECT i AS r FROM indicator i WHERE i.table_id = pt.table_id) cur
                FULL JOIN (SELECT x AS r FROM indicators_as_of_seq(pt.table_id, pt.last_seq) x) rep
                       ON (rep.r).id = (cur.r).id
                WHERE cur.r IS DISTINCT FROM rep.r
                ORDER BY coalesce((cur.r).id, (rep.r).id)
                LIMIT 1)
        FROM per_table pt
        WHERE pt.last_seq IS NOT NULL
    ),
    -- 6: approved snapshots equal the replay up to their chain position
    snapshot_problems AS (
        SELECT s.table_id, s.audit_seq AS seq, 4 AS priority,
               format('approved snapshot of revision %s differs from the audit trail at seq %s',
                      s.revision, s.audit_seq) AS reason
        FROM per_table pt
        JOIN table_revision s ON s.table_id = pt.table_id
        WHERE s.audit_hash IS DISTINCT FROM
                  (SELECT a.hash FROM audit_log a WHERE a.table_id = s.table_id AND a.seq = s.audit_seq)
           OR jsonb_populate_record(NULL::target_table, audit_image_defaults('target_table') || s.header)
                  IS DISTINCT FROM (SELECT h FROM header_as_of_seq(s.table_id, s.audit_seq) h)
           OR EXISTS (
                  SELECT 1
                  FROM (SELECT jsonb_populate_record(NULL::indicator, audit_image_defaults('indicator') || e.value) AS r
                        FROM jsonb_array_elements(s.indicators) e) cur
                  FULL JOIN (SELECT i AS r FROM indicators_as_of_seq(s.table_id, s.audit_seq) i) rep
                         ON (cur.r).id = (rep.r).id
                  WHERE cur.r IS DISTINCT FROM rep.r)
    ),
    problems AS (
        SELECT * FROM row_problems
        UNION ALL SELECT * FROM head_problems WHERE reason IS NOT NULL
        UNION ALL SELECT * FROM state_problems WHERE reason IS NOT NULL
        UNION ALL SELECT * FROM snapshot_problems
    )
    -- a broken chain (priority 1, 2) is reported before state and snapshot differences
    SELECT DISTINCT ON (p.table_id) p.table_id, p.seq, p.reason
    FROM problems p
    ORDER BY p.table_id, p.priority > 2, p.seq, p.priority
$$;

-- Blank as Core counts it (TextNormalization.trimmed: Unicode White_Space, the full-width
-- space U+3000 included), not only ASCII spaces as btrim(x) alone strips.
CREATE FUNCTION text_is_blank(p_text text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog
AS $$
    SELECT coalesce(btrim(p_text, E' \t\n\x0B\f\r\u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000'), '') = ''
$$;

GRANT EXECUTE ON FUNCTION audit_image_defaults(regclass), text_is_blank(text) TO jixiao_app;

ALTER TABLE workflow_event DROP CONSTRAINT workflow_event_return_has_reason;
ALTER TABLE workflow_event ADD CONSTRAINT workflow_event_reason_required
    CHECK (action NOT IN ('return', 'adjust') OR NOT text_is_blank(reason)) NOT VALID;
