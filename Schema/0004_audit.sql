-- 0004 audit trail: triggers, hash chain per target table, append-only guards, approved snapshots
--
-- Every INSERT/UPDATE/DELETE of a target_table row (header, status, everything), of an
-- indicator, and every INSERT of a workflow_event writes exactly one row into audit_log, in a
-- hash chain per target table:
--
--     hash = sha256(prev_hash || convert_to(audit_canonical(row), 'UTF8'))
--
-- prev_hash of seq 1 is 32 zero bytes. The chain is serialized by locking the table's row in
-- audit_chain (SELECT … FOR UPDATE inside the trigger): writers to one target table queue for
-- that lock until they commit; different tables never wait on each other.
--
-- Session settings read by the triggers (set by the service with SET LOCAL in each transaction):
--   jixiao.actor   who acts (the user's login); falls back to session_user when unset/empty
--   jixiao.reason  why (free text); NULL when unset/empty

CREATE TABLE audit_chain (
    table_id   bigint PRIMARY KEY,      -- no FK: the trail outlives a deleted target table
    last_seq   bigint NOT NULL,
    last_hash  bytea NOT NULL,
    last_at    timestamptz NOT NULL     -- keeps changed_at non-decreasing along a chain
);

CREATE TABLE audit_log (
    table_id           bigint NOT NULL,     -- the target table whose chain this row belongs to
    seq                bigint NOT NULL,     -- 1, 2, 3 … per target table
    entity             text NOT NULL,       -- table | indicator | workflow
    op                 text NOT NULL,       -- insert | update | delete
    indicator_id       bigint,              -- set iff entity = 'indicator'
    workflow_event_id  bigint,              -- set iff entity = 'workflow'
    old_values         jsonb,               -- full row image before (NULL for insert)
    new_values         jsonb,               -- full row image after (NULL for delete)
    changed_fields     text[],              -- update: keys whose value changed, sorted, without
                                            -- version/updated_at ('{}' = no-op update); else NULL
    actor              text NOT NULL,       -- jixiao.actor, else session_user
    db_user            text NOT NULL,       -- session_user (the database login that did it)
    reason             text,                -- jixiao.reason
    table_status       text,                -- target table status at that moment (after the change)
    table_revision     integer,             -- target table revision at that moment (after the change)
    changed_at         timestamptz NOT NULL,-- clock_timestamp(), non-decreasing per chain
    txid               bigint NOT NULL,     -- txid_current()
    prev_hash          bytea NOT NULL,
    hash               bytea NOT NULL,
    CONSTRAINT audit_log_pkey PRIMARY KEY (table_id, seq),
    CONSTRAINT audit_log_entity_valid CHECK (entity IN ('table', 'indicator', 'workflow')),
    CONSTRAINT audit_log_op_valid CHECK (op IN ('insert', 'update', 'delete')),
    CONSTRAINT audit_log_indicator_id_iff CHECK ((entity = 'indicator') = (indicator_id IS NOT NULL)),
    CONSTRAINT audit_log_workflow_id_iff CHECK ((entity = 'workflow') = (workflow_event_id IS NOT NULL)),
    CONSTRAINT audit_log_images CHECK (
        (old_values IS NULL) = (op = 'insert') AND (new_values IS NULL) = (op = 'delete'))
);

-- history of one indicator
CREATE INDEX audit_log_indicator_idx ON audit_log (indicator_id, seq) WHERE indicator_id IS NOT NULL;
-- history of one table: the primary key (table_id, seq)
-- by actor and time
CREATE INDEX audit_log_actor_idx ON audit_log (actor, changed_at);
-- by time range
CREATE INDEX audit_log_changed_at_idx ON audit_log (changed_at);
-- as of a timestamp: chain position of a table at a moment
CREATE INDEX audit_log_table_time_idx ON audit_log (table_id, changed_at, seq);
-- header rows of a table (header as of, revision boundaries)
CREATE INDEX audit_log_table_header_idx ON audit_log (table_id, seq) WHERE entity = 'table';
-- the indicators a table ever had (as-of reconstruction)
CREATE INDEX audit_log_table_inserts_idx ON audit_log (table_id, seq, indicator_id)
    WHERE entity = 'indicator' AND op = 'insert';

COMMENT ON TABLE audit_log IS
    'Append-only audit trail, one hash chain per target table (see Schema/README.md).';

-- The indicator part of the trail, under the name the design uses.
CREATE VIEW indicator_change AS
SELECT table_id, seq, indicator_id, op, old_values, new_values, changed_fields, actor, db_user,
       reason, table_status, table_revision, changed_at, txid, prev_hash, hash
FROM audit_log
WHERE entity = 'indicator';

-- Canonical text of an audit row: a JSON array of every column except hash, in column order,
-- with changed_at as integer microseconds since the Unix epoch (independent of TimeZone) and
-- prev_hash as lowercase hex. jsonb text output is deterministic for equal values. Never change
-- this definition: existing hashes depend on it (add a new function and a version column).
-- audit_row_hash repeats the expression so that it can be inlined (no SET clause, qualified
-- names): verification hashes millions of rows.
CREATE FUNCTION audit_canonical(a public.audit_log) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.jsonb_build_array(
        a.table_id, a.seq, a.entity, a.op, a.indicator_id, a.workflow_event_id,
        a.old_values, a.new_values, a.changed_fields, a.actor, a.db_user, a.reason,
        a.table_status, a.table_revision,
        (extract(epoch FROM a.changed_at) * 1000000)::bigint,
        a.txid, pg_catalog.encode(a.prev_hash, 'hex'))::text
$$;

-- hash = sha256(prev_hash || convert_to(audit_canonical(row), 'UTF8'))
CREATE FUNCTION audit_row_hash(a public.audit_log) RETURNS bytea
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT pg_catalog.sha256(a.prev_hash || pg_catalog.convert_to(pg_catalog.jsonb_build_array(
        a.table_id, a.seq, a.entity, a.op, a.indicator_id, a.workflow_event_id,
        a.old_values, a.new_values, a.changed_fields, a.actor, a.db_user, a.reason,
        a.table_status, a.table_revision,
        (extract(epoch FROM a.changed_at) * 1000000)::bigint,
        a.txid, pg_catalog.encode(a.prev_hash, 'hex'))::text, 'UTF8'))
$$;

-- The one writer of audit rows. SECURITY DEFINER (owned by the migrating user) so that
-- jixiao_app needs no privilege on audit_log/audit_chain; EXECUTE is revoked from everyone
-- (0006), so it is reachable only through the triggers below.
CREATE FUNCTION audit_append(
    p_table_id          bigint,
    p_entity            text,
    p_op                text,
    p_indicator_id      bigint,
    p_workflow_event_id bigint,
    p_old               jsonb,
    p_new               jsonb,
    p_table_status      text,
    p_table_revision    integer
) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    c audit_chain;
    r audit_log;
BEGIN
    SELECT * INTO c FROM audit_chain WHERE table_id = p_table_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_chain (table_id, last_seq, last_hash, last_at)
        VALUES (p_table_id, 0, decode(repeat('00', 32), 'hex'), '-infinity')
        ON CONFLICT (table_id) DO NOTHING;
        SELECT * INTO c FROM audit_chain WHERE table_id = p_table_id FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'audit chain of target table % created concurrently', p_table_id
                USING ERRCODE = '40001';
        END IF;
    END IF;

    r.table_id := p_table_id;
    r.seq := c.last_seq + 1;
    r.entity := p_entity;
    r.op := p_op;
    r.indicator_id := p_indicator_id;
    r.workflow_event_id := p_workflow_event_id;
    r.old_values := p_old;
    r.new_values := p_new;
    IF p_op = 'update' THEN
        -- old and new images are of the same row type: same keys
        r.changed_fields := ARRAY(
            SELECT n.key FROM jsonb_each(p_new) AS n
            WHERE n.value IS DISTINCT FROM (p_old -> n.key)
              AND n.key <> 'version' AND n.key <> 'updated_at'
            ORDER BY n.key);
    END IF;
    r.actor := coalesce(nullif(current_setting('jixiao.actor', true), ''), session_user::text);
    r.db_user := session_user::text;
    r.reason := nullif(current_setting('jixiao.reason', true), '');
    IF p_entity = 'table' THEN
        r.table_status := p_table_status;
        r.table_revision := p_table_revision;
    ELSE
        -- a statement of its own, after the lock is granted: under READ COMMITTED it sees the
        -- status/revision committed by the previous holder of the lock
        SELECT t.status, t.revision INTO r.table_status, r.table_revision
        FROM target_table t WHERE t.id = p_table_id;
    END IF;
    r.changed_at := greatest(clock_timestamp(), c.last_at);
    r.txid := txid_current();
    r.prev_hash := c.last_hash;
    r.hash := audit_row_hash(r);

    INSERT INTO audit_log VALUES (r.*);
    UPDATE audit_chain
       SET last_seq = r.seq, last_hash = r.hash, last_at = r.changed_at
     WHERE table_id = p_table_id;
    RETURN r.seq;
END
$$;

-- Take the audit-chain lock of a target table up front. Optional: the triggers take it anyway,
-- but a transaction that changes several indicators of one table should call this first, so
-- that it never holds an indicator row lock while waiting for the chain (no deadlocks).
CREATE FUNCTION audit_lock(p_table_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    PERFORM 1 FROM audit_chain WHERE table_id = p_table_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_chain (table_id, last_seq, last_hash, last_at)
        VALUES (p_table_id, 0, decode(repeat('00', 32), 'hex'), '-infinity')
        ON CONFLICT (table_id) DO NOTHING;
        PERFORM 1 FROM audit_chain WHERE table_id = p_table_id FOR UPDATE;
    END IF;
END
$$;

-- Writer triggers ------------------------------------------------------------------------------

CREATE FUNCTION target_table_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append(NEW.id, 'table', 'insert', NULL, NULL, NULL, to_jsonb(NEW),
                             NEW.status, NEW.revision);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append(NEW.id, 'table', 'update', NULL, NULL, to_jsonb(OLD), to_jsonb(NEW),
                             NEW.status, NEW.revision);
    ELSE
        PERFORM audit_append(OLD.id, 'table', 'delete', NULL, NULL, to_jsonb(OLD), NULL,
                             OLD.status, OLD.revision);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER target_table_audit
    AFTER INSERT OR UPDATE OR DELETE ON target_table
    FOR EACH ROW EXECUTE FUNCTION target_table_audit();

CREATE FUNCTION indicator_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM audit_append(NEW.table_id, 'indicator', 'insert', NEW.id, NULL, NULL, to_jsonb(NEW),
                             NULL, NULL);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM audit_append(NEW.table_id, 'indicator', 'update', NEW.id, NULL, to_jsonb(OLD),
                             to_jsonb(NEW), NULL, NULL);
    ELSE
        PERFORM audit_append(OLD.table_id, 'indicator', 'delete', OLD.id, NULL, to_jsonb(OLD), NULL,
                             NULL, NULL);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER indicator_audit
    AFTER INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH ROW EXECUTE FUNCTION indicator_audit();

CREATE FUNCTION workflow_event_audit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    PERFORM audit_append(NEW.table_id, 'workflow', 'insert', NULL, NEW.id, NULL, to_jsonb(NEW),
                         NULL, NULL);
    RETURN NULL;
END
$$;

CREATE TRIGGER workflow_event_audit
    AFTER INSERT ON workflow_event
    FOR EACH ROW EXECUTE FUNCTION workflow_event_audit();

-- Approved revisions -----------------------------------------------------------------------------
--
-- When a transaction that set a table's status to 'approved' commits, a deferred trigger stores
-- the table exactly as approved: the full target_table row and all indicator rows (as jsonb
-- row images), plus the chain position (audit_seq, audit_hash) they correspond to. After
-- `adjust` (status back to draft, revision + 1) the approved revision stays readable here, and
-- audit_verify() checks the snapshot against a replay of the trail up to audit_seq.

CREATE TABLE table_revision (
    table_id     bigint NOT NULL REFERENCES target_table (id) ON DELETE RESTRICT,
    revision     integer NOT NULL,
    approved_at  timestamptz NOT NULL,
    header       jsonb NOT NULL,   -- to_jsonb(target_table row) at approval
    indicators   jsonb NOT NULL,   -- jsonb array of to_jsonb(indicator row), by position, id
    audit_seq    bigint NOT NULL,  -- the trail replayed up to this seq gives the same state
    audit_hash   bytea NOT NULL,   -- hash of audit_log row (table_id, audit_seq)
    CONSTRAINT table_revision_pkey PRIMARY KEY (table_id, revision)
);

CREATE FUNCTION target_table_snapshot_approved() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
    t target_table;
    c audit_chain;
BEGIN
    SELECT * INTO t FROM target_table WHERE id = NEW.id;
    IF NOT FOUND OR t.status <> 'approved' THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM table_revision tr
               WHERE tr.table_id = t.id AND tr.revision = t.revision) THEN
        RETURN NULL;   -- already captured (several updates while approved in one transaction)
    END IF;
    SELECT * INTO c FROM audit_chain WHERE table_id = t.id FOR UPDATE;
    INSERT INTO table_revision (table_id, revision, approved_at, header, indicators, audit_seq, audit_hash)
    VALUES (t.id, t.revision, clock_timestamp(), to_jsonb(t),
            coalesce((SELECT jsonb_agg(to_jsonb(i) ORDER BY i.position, i.id)
                      FROM indicator i WHERE i.table_id = t.id), '[]'::jsonb),
            c.last_seq, c.last_hash);
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER target_table_snapshot_approved
    AFTER INSERT OR UPDATE ON target_table
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status = 'approved')
    EXECUTE FUNCTION target_table_snapshot_approved();

-- Append-only guards -----------------------------------------------------------------------------

CREATE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'JX001',
              HINT = 'audit rows, workflow events and approved snapshots are never changed or removed';
END
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER workflow_event_append_only
    BEFORE UPDATE OR DELETE ON workflow_event
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER workflow_event_no_truncate
    BEFORE TRUNCATE ON workflow_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER table_revision_append_only
    BEFORE UPDATE OR DELETE ON table_revision
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER table_revision_no_truncate
    BEFORE TRUNCATE ON table_revision
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- audit_chain is the chain head: only the audit functions change it.
CREATE FUNCTION audit_chain_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    RAISE EXCEPTION 'audit_chain: % refused', TG_OP
        USING ERRCODE = 'JX001', HINT = 'the chain head is maintained by the audit triggers only';
END
$$;
CREATE TRIGGER audit_chain_no_delete
    BEFORE DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_chain_guard();
CREATE TRIGGER audit_chain_no_truncate
    BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_guard();

-- TRUNCATE fires no row triggers, so it would change content without an audit row.
CREATE FUNCTION refuse_unaudited_truncate() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
BEGIN
    RAISE EXCEPTION 'TRUNCATE % refused: it would bypass the audit trail (delete rows instead)', TG_TABLE_NAME
        USING ERRCODE = 'JX003';
END
$$;
CREATE TRIGGER target_table_no_truncate
    BEFORE TRUNCATE ON target_table
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_unaudited_truncate();
CREATE TRIGGER indicator_no_truncate
    BEFORE TRUNCATE ON indicator
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_unaudited_truncate();
