-- 0011 guards: the workflow and the content freeze, enforced by the database too
--
-- Core decides (WorkflowStateMachine, TableStatus.allowsContentChanges); these triggers are
-- the copy that holds when something other than the service writes as the application role
-- (psql with its credentials, a defect): a direct `UPDATE target_table SET status = 'approved'`
-- on a draft, or an edit of an approved table in place, is refused with SQLSTATE JX005.
--
-- The guards apply to every role that does not have the privileges of the tables' owner (the
-- migrating role; superusers have them): jixiao_app, and any other login given rights on the
-- tables. The owner can still repair by hand, audited as always.
--
-- Tests/JixiaoServiceTests/RuleTwinTests.swift ties each copy to its Core twin.

-- True when the current role is held to the guards (it lacks the owner's privileges).
CREATE FUNCTION workflow_guard_applies() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, public
AS $$
    SELECT NOT pg_has_role(current_user, c.relowner, 'USAGE')
    FROM pg_class c WHERE c.oid = 'public.target_table'::regclass
$$;

-- The steps of WorkflowStateMachine as (from, to) pairs: submit, withdraw, approve (both
-- steps), return (both steps), adjust.
CREATE FUNCTION workflow_step_allowed(p_from text, p_to text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT (p_from, p_to) IN (
        ('draft', 'submitted'), ('returned', 'submitted'),
        ('submitted', 'draft'),
        ('submitted', 'supervisor_approved'), ('supervisor_approved', 'approved'),
        ('submitted', 'returned'), ('supervisor_approved', 'returned'),
        ('approved', 'draft'))
$$;

-- TableStatus.allowsContentChanges.
CREATE FUNCTION table_status_allows_content(p_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, public
AS $$
    SELECT p_status IN ('draft', 'returned')
$$;

-- target_table: a new table is a draft of revision 1 that nobody submitted or approved; the
-- status changes only by a step of the workflow, and the recorded people only with it; the
-- content (every column but the workflow's: status, revision, submitted_by,
-- supervisor_approved_by, approved_by, and the bookkeeping version, updated_at) changes, and
-- a table is deleted, only in draft or returned. The workflow columns are the service's
-- `Statements.workflowColumns`.
CREATE FUNCTION target_table_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
DECLARE
    workflow_columns CONSTANT text[] := ARRAY['status', 'revision', 'submitted_by', 'supervisor_approved_by',
                                              'approved_by', 'version', 'updated_at'];
BEGIN
    IF NOT workflow_guard_applies() THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'draft' OR NEW.revision <> 1 OR NEW.submitted_by IS NOT NULL
           OR NEW.supervisor_approved_by IS NOT NULL OR NEW.approved_by IS NOT NULL THEN
            RAISE EXCEPTION 'a new target table is a draft of revision 1 that nobody submitted or approved (got %, revision %)',
                NEW.status, NEW.revision
                USING ERRCODE = 'JX005';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF NOT table_status_allows_content(OLD.status) THEN
            RAISE EXCEPTION 'target table % is %: only a draft or returned table can be deleted', OLD.id, OLD.status
                USING ERRCODE = 'JX005';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        IF NOT workflow_step_allowed(OLD.status, NEW.status) THEN
            RAISE EXCEPTION 'target table %: % -> % is not a step of the workflow', OLD.id, OLD.status, NEW.status
                USING ERRCODE = 'JX005';
        END IF;
    ELSIF NEW.submitted_by IS DISTINCT FROM OLD.submitted_by
          OR NEW.supervisor_approved_by IS DISTINCT FROM OLD.supervisor_approved_by
          OR NEW.approved_by IS DISTINCT FROM OLD.approved_by THEN
        RAISE EXCEPTION 'target table %: who submitted and approved changes only with a workflow step', OLD.id
            USING ERRCODE = 'JX005';
    END IF;
    IF (to_jsonb(NEW) - workflow_columns) IS DISTINCT FROM (to_jsonb(OLD) - workflow_columns)
       AND NOT (table_status_allows_content(OLD.status) AND table_status_allows_content(NEW.status)) THEN
        RAISE EXCEPTION 'target table % is %: its content changes only in draft or returned', OLD.id,
            CASE WHEN table_status_allows_content(OLD.status) THEN NEW.status ELSE OLD.status END
            USING ERRCODE = 'JX005';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER target_table_guard
    BEFORE INSERT OR UPDATE OR DELETE ON target_table
    FOR EACH ROW EXECUTE FUNCTION target_table_guard();

-- indicator: added, changed, moved or removed only while its table is draft or returned. A
-- table that is gone is being deleted (the cascade), which target_table_guard has allowed.
CREATE FUNCTION indicator_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public
AS $$
DECLARE
    v_table_id bigint;
    v_status text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        v_table_id := OLD.table_id;
    ELSE
        v_table_id := NEW.table_id;
    END IF;
    IF workflow_guard_applies() THEN
        SELECT t.status INTO v_status FROM target_table t WHERE t.id = v_table_id;
        IF FOUND AND NOT table_status_allows_content(v_status) THEN
            RAISE EXCEPTION 'target table % is %: its indicators change only in draft or returned', v_table_id, v_status
                USING ERRCODE = 'JX005';
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER indicator_guard
    BEFORE INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH ROW EXECUTE FUNCTION indicator_guard();

-- The trigger functions run as the writer, so the writer calls these.
GRANT EXECUTE ON FUNCTION workflow_guard_applies(), workflow_step_allowed(text, text), table_status_allows_content(text)
    TO jixiao_app;

-- Smaller leaks (issue 15, item 8) --------------------------------------------------------------

-- audit_lock: the chain head is created only for a target table that exists (visible to the
-- caller's transaction); for any other id nothing happens, so that no caller can fill
-- audit_chain with heads of tables that never were.
CREATE OR REPLACE FUNCTION audit_lock(p_table_id bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public, pg_temp
AS $$
BEGIN
    PERFORM 1 FROM audit_chain WHERE table_id = p_table_id FOR UPDATE;
    IF NOT FOUND AND EXISTS (SELECT 1 FROM target_table WHERE id = p_table_id) THEN
        INSERT INTO audit_chain (table_id, last_seq, last_hash, last_at)
        VALUES (p_table_id, 0, decode(repeat('00', 32), 'hex'), '-infinity')
        ON CONFLICT (table_id) DO NOTHING;
        PERFORM 1 FROM audit_chain WHERE table_id = p_table_id FOR UPDATE;
    END IF;
END
$$;

-- Every token expires, at most 365 days after it was issued (JixiaoCore.TokenLifetime).
-- Tokens issued before without an expiry, or with a longer one, now end 365 days after their
-- issue (api_token is not audited: no trail to keep intact).
UPDATE api_token SET expires_at = created_at + interval '365 days'
WHERE expires_at IS NULL OR expires_at > created_at + interval '365 days';
ALTER TABLE api_token ADD CONSTRAINT api_token_lifetime
    CHECK (expires_at IS NOT NULL AND expires_at <= created_at + interval '365 days');

-- Limits on what enters the append-only trail (issue 15, item 5) -------------------------------
--
-- JixiaoCore.InputLimits decides and the service refuses first (too-long); these CHECKs repeat
-- the lengths for every writer. NOT VALID: rows written before stay as they are (an existing
-- row is checked again only when it is updated). No row changes, so audit_verify() is intact.
ALTER TABLE indicator ADD CONSTRAINT indicator_text_lengths CHECK (
    char_length(value) <= 200
    AND char_length(level1) <= 2000 AND char_length(level2) <= 2000 AND char_length(level3) <= 2000
    AND char_length(unit_of_measure) <= 2000 AND char_length(content) <= 2000 AND char_length(remark) <= 2000
    AND char_length(explanation) <= 2000
) NOT VALID;
ALTER TABLE target_table ADD CONSTRAINT target_table_title_length CHECK (char_length(title) <= 2000) NOT VALID;
ALTER TABLE workflow_event ADD CONSTRAINT workflow_event_reason_length CHECK (char_length(reason) <= 1000) NOT VALID;
