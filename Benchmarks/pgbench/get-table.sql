-- pgbench script of Benchmarks/read-path.sh: the SQL that `jixiao serve` issues for one
-- GET /v1/tables/{id}, round trip for round trip: BearerAuthMiddleware → authenticate (one
-- statement), then JixiaoService.table → Database.read: the table row and its indicators in one
-- REPEATABLE READ, READ ONLY transaction sent as one pipeline. Client K reads the tables of unit
-- K+1; :tbase is the first seeded table id (-D). The service prepares its statements, so run with
-- -M prepared and PGOPTIONS='-c role=jixiao_app'.
\set u :client_id + 1
\set tid :tbase + :client_id * 5 + random(0, 4)
WITH found AS (SELECT t.id AS token_id, u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_sha256 = sha256(convert_to('jx_bench_' || lpad(:u::text, 58, '0'), 'UTF8')) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled), touched AS (UPDATE api_token SET last_used_at = now() WHERE id IN (SELECT token_id FROM found) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) SELECT id, login, display_name, unit_id, roles, disabled FROM found;
\startpipeline
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SELECT id, kind, title, fiscal_year, unit_id, supervising_unit_id, status, revision, version, header, goals, funds_total, submitted_by, supervisor_approved_by, source_line FROM target_table WHERE id = :tid;
SELECT id, position, level1, level2, level3, comparator, value, unit_of_measure, content, remark, version, source_line FROM indicator WHERE table_id = :tid ORDER BY position;
COMMIT;
\endpipeline
