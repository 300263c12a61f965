-- 0005 time travel, revision diff and chain verification, all rebuilt from the audit trail
--
-- A "chain position" is a seq in a table's chain: the state at position S is the replay of
-- audit rows 1..S. Row images are turned back into rows with jsonb_populate_record, so the
-- functions return the real row types (SETOF indicator, SETOF target_table).

-- Chain position of a table at a moment: the last audit row with changed_at <= p_at
-- (NULL when the table had no audit rows yet). changed_at is non-decreasing along a chain.
CREATE FUNCTION audit_seq_at(p_table_id bigint, p_at timestamptz) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT a.seq
    FROM audit_log a
    WHERE a.table_id = p_table_id AND a.changed_at <= p_at
    ORDER BY a.changed_at DESC, a.seq DESC
    LIMIT 1
$$;

-- Chain position at the end of a revision: the row before the header change that opened the
-- next revision (adjust), or the end of the chain when p_revision is the current one. NULL when
-- the table never had that revision.
CREATE FUNCTION audit_seq_end_of_revision(p_table_id bigint, p_revision integer) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT CASE
        WHEN NOT EXISTS (SELECT 1 FROM audit_log a
                         WHERE a.table_id = p_table_id AND a.entity = 'table'
                           AND a.table_revision = p_revision)
            THEN NULL
        ELSE coalesce(
            (SELECT a.seq - 1 FROM audit_log a
             WHERE a.table_id = p_table_id AND a.entity = 'table' AND a.table_revision > p_revision
             ORDER BY a.seq LIMIT 1),
            (SELECT a.seq FROM audit_log a WHERE a.table_id = p_table_id ORDER BY a.seq DESC LIMIT 1))
    END
$$;

-- Indicators of a table at chain position p_seq, by position.
CREATE FUNCTION indicators_as_of_seq(p_table_id bigint, p_seq bigint) RETURNS SETOF indicator
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
    CROSS JOIN LATERAL jsonb_populate_record(NULL::indicator, last.new_values) AS r
    WHERE last.op <> 'delete'
    ORDER BY r.position, r.id
$$;

-- The target_table row (header, status, revision …) at chain position p_seq: 0 or 1 row.
CREATE FUNCTION header_as_of_seq(p_table_id bigint, p_seq bigint) RETURNS SETOF target_table
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT r.*
    FROM (SELECT a.op, a.new_values
          FROM audit_log a
          WHERE a.table_id = p_table_id AND a.entity = 'table' AND a.seq <= p_seq
          ORDER BY a.seq DESC
          LIMIT 1) AS last
    CROSS JOIN LATERAL jsonb_populate_record(NULL::target_table, last.new_values) AS r
    WHERE last.op <> 'delete'
$$;

-- As of a timestamp.
CREATE FUNCTION indicators_as_of(p_table_id bigint, p_at timestamptz) RETURNS SETOF indicator
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT * FROM indicators_as_of_seq(p_table_id, audit_seq_at(p_table_id, p_at))
$$;

CREATE FUNCTION header_as_of(p_table_id bigint, p_at timestamptz) RETURNS SETOF target_table
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT * FROM header_as_of_seq(p_table_id, audit_seq_at(p_table_id, p_at))
$$;

-- As at the end of a revision (for an approved revision: as approved, unless it was edited
-- while approved outside the service; table_revision holds the snapshot taken at approval).
CREATE FUNCTION indicators_as_of_revision(p_table_id bigint, p_revision integer) RETURNS SETOF indicator
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT * FROM indicators_as_of_seq(p_table_id, audit_seq_end_of_revision(p_table_id, p_revision))
$$;

CREATE FUNCTION header_as_of_revision(p_table_id bigint, p_revision integer) RETURNS SETOF target_table
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT * FROM header_as_of_seq(p_table_id, audit_seq_end_of_revision(p_table_id, p_revision))
$$;

-- Diffs -----------------------------------------------------------------------------------------
--
-- Indicator differences between two chain positions: one row per indicator that was added,
-- removed or changed, ordered by its position (new position, else old). "changed" compares
-- the content columns: position, level1..3, comparator, value, numeric_value, unit_of_measure,
-- content, remark (not id, table_id, version, source_line, created_at, updated_at).
-- old/new are the full row images (NULL for added/removed).
CREATE FUNCTION indicators_diff_seq(p_table_id bigint, p_seq_a bigint, p_seq_b bigint)
RETURNS TABLE (indicator_id bigint, change text, old jsonb, new jsonb, changed_fields text[])
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    WITH a AS (SELECT x.id, x.position, to_jsonb(x) AS j FROM indicators_as_of_seq(p_table_id, p_seq_a) x),
         b AS (SELECT x.id, x.position, to_jsonb(x) AS j FROM indicators_as_of_seq(p_table_id, p_seq_b) x),
         skip AS (SELECT ARRAY['id', 'table_id', 'version', 'source_line', 'created_at', 'updated_at'] AS keys)
    SELECT coalesce(b.id, a.id),
           CASE WHEN a.id IS NULL THEN 'added' WHEN b.id IS NULL THEN 'removed' ELSE 'changed' END,
           a.j,
           b.j,
           CASE WHEN a.id IS NOT NULL AND b.id IS NOT NULL THEN
               ARRAY(SELECT k FROM jsonb_object_keys(b.j) AS k
                     WHERE k <> ALL (skip.keys) AND (a.j -> k) IS DISTINCT FROM (b.j -> k)
                     ORDER BY k)
           END
    FROM a FULL JOIN b ON a.id = b.id CROSS JOIN skip
    WHERE a.id IS NULL OR b.id IS NULL OR (a.j - skip.keys) IS DISTINCT FROM (b.j - skip.keys)
    ORDER BY coalesce(b.position, a.position), coalesce(b.id, a.id)
$$;

CREATE FUNCTION revision_diff(p_table_id bigint, p_revision_a integer, p_revision_b integer)
RETURNS TABLE (indicator_id bigint, change text, old jsonb, new jsonb, changed_fields text[])
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT * FROM indicators_diff_seq(p_table_id,
                                      audit_seq_end_of_revision(p_table_id, p_revision_a),
                                      audit_seq_end_of_revision(p_table_id, p_revision_b))
$$;

CREATE FUNCTION indicators_diff_at(p_table_id bigint, p_at_a timestamptz, p_at_b timestamptz)
RETURNS TABLE (indicator_id bigint, change text, old jsonb, new jsonb, changed_fields text[])
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT * FROM indicators_diff_seq(p_table_id,
                                      audit_seq_at(p_table_id, p_at_a),
                                      audit_seq_at(p_table_id, p_at_b))
$$;

-- Verification ----------------------------------------------------------------------------------
--
-- Recomputes the chain of one table (p_table_id) or of all tables (NULL) and returns the first
-- problem per table, ordered by table_id; no rows when everything is intact. Checks:
--   1. seq runs 1, 2, 3 … without gaps (a gap = deleted audit rows)
--   2. each prev_hash equals the previous row's hash (32 zero bytes for seq 1)
--   3. each hash equals sha256(prev_hash || canonical row) (an altered row)
--   4. the chain head (audit_chain) matches the last row (deleted rows at the end)
--   5. every target table has a trail, and its current header and indicators equal the replay
--      of the whole trail (a change made while the audit triggers were disabled)
--   6. each approved snapshot (table_revision) equals the replay up to its audit_seq
-- seq is the audit row at fault; for checks 4-6 the chain position concerned
-- (0 = no trail at all). Chain problems (1-4) are reported before state problems (5, 6).
CREATE FUNCTION audit_verify(p_table_id bigint DEFAULT NULL)
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
           OR jsonb_populate_record(NULL::target_table, s.header)
                  IS DISTINCT FROM (SELECT h FROM header_as_of_seq(s.table_id, s.audit_seq) h)
           OR EXISTS (
                  SELECT 1
                  FROM (SELECT jsonb_populate_record(NULL::indicator, e.value) AS r
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
