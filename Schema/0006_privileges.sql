-- 0006 privileges of the application role
--
-- jixiao_app reads and writes the domain tables, may INSERT workflow events (append-only), and
-- only reads the audit trail: audit rows and snapshots are written by SECURITY DEFINER triggers
-- owned by the migrating user, so jixiao_app has no INSERT/UPDATE/DELETE/TRUNCATE on them.
-- Later migrations grant on the objects they add, explicitly.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;

-- domain tables
GRANT SELECT, INSERT, UPDATE, DELETE ON unit, app_user, api_token, target_table, indicator
    TO jixiao_app;
-- append-only: recorded by the service, never changed
GRANT SELECT, INSERT ON workflow_event TO jixiao_app;
-- audit trail: read only
GRANT SELECT ON audit_log, indicator_change, audit_chain, table_revision TO jixiao_app;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jixiao_app;

-- functions the service calls (trigger functions need no EXECUTE grant; audit_append is
-- deliberately callable by nobody but its owner, i.e. only through the triggers)
GRANT EXECUTE ON FUNCTION
    app_user_roles_valid(text[]),
    audit_lock(bigint),
    audit_canonical(audit_log),
    audit_row_hash(audit_log),
    audit_seq_at(bigint, timestamptz),
    audit_seq_end_of_revision(bigint, integer),
    indicators_as_of_seq(bigint, bigint),
    header_as_of_seq(bigint, bigint),
    indicators_as_of(bigint, timestamptz),
    header_as_of(bigint, timestamptz),
    indicators_as_of_revision(bigint, integer),
    header_as_of_revision(bigint, integer),
    indicators_diff_seq(bigint, bigint, bigint),
    indicators_diff_at(bigint, timestamptz, timestamptz),
    revision_diff(bigint, integer, integer),
    audit_verify(bigint)
TO jixiao_app;

-- Functions created later by the migrating user (in this database) are not executable by
-- PUBLIC: later migrations GRANT EXECUTE to jixiao_app on what it calls, including functions
-- used in CHECK constraints. (A per-schema default cannot revoke a global one, hence no
-- IN SCHEMA here.)
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO jixiao_app;
