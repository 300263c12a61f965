-- pgbench script of Benchmarks/read-path.sh: the SQL that `jixiao serve` issues for one
-- GET /v1/tables/{id} (BearerAuthMiddleware → authenticate, then Database.read → loadReadable:
-- the header row and its indicators), statement for statement. Client K reads the tables of unit
-- K+1; :tbase is the first seeded table id (-D). The service sends these with PQexecParams
-- (unnamed statements), so run with -M extended and PGOPTIONS='-c role=jixiao_app'.
\set u :client_id + 1
\set tid :tbase + :client_id * 5 + random(0, 4)
UPDATE api_token t SET last_used_at = now() FROM app_user u WHERE t.token_sha256 = sha256(convert_to('jx_bench_' || lpad(:u::text, 58, '0'), 'UTF8')) AND u.id = t.user_id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled RETURNING u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled;
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT id, kind, title, fiscal_year, unit_id, supervising_unit_id, status, revision, version, header, goals, funds_total, submitted_by, supervisor_approved_by, source_line FROM target_table WHERE id = :tid;
SELECT id, position, level1, level2, level3, comparator, value, unit_of_measure, content, remark, version, source_line FROM indicator WHERE table_id = :tid ORDER BY position;
COMMIT;
