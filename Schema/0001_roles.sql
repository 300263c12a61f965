-- 0001 roles
--
-- The application role. Roles are cluster-wide while this file runs once per database, and
-- test suites migrate several databases on one cluster (perhaps at the same time), so creation
-- is idempotent and tolerates a concurrent creator. No password is set here: the development
-- cluster trusts local connections; in production the operator sets one
-- (ALTER ROLE jixiao_app PASSWORD '…') or uses another authentication method.
--
-- The migrating user needs CREATEROLE (or superuser) the first time this runs on a cluster.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'jixiao_app') THEN
        BEGIN
            CREATE ROLE jixiao_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION;
        EXCEPTION
            -- another database on this cluster created it at the same moment
            WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    ELSIF NOT (SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE rolname = 'jixiao_app') THEN
        ALTER ROLE jixiao_app LOGIN;
    END IF;
END
$$;

-- A non-superuser owner must be a member of jixiao_app to use SET ROLE jixiao_app.
DO $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
       AND NOT pg_catalog.pg_has_role(current_user, 'jixiao_app', 'MEMBER') THEN
        EXECUTE format('GRANT jixiao_app TO %I', current_user);
    END IF;
END
$$;

-- The service connects as jixiao_app, or as the owner followed by SET ROLE jixiao_app.
GRANT USAGE ON SCHEMA public TO jixiao_app;
