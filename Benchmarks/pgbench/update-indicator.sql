-- pgbench script of Benchmarks/write-path.sh: the SQL that `jixiao serve` issues for one
-- PATCH /v1/tables/{id}/indicators/{iid}, statement for statement and round trip for round trip:
-- BearerAuthMiddleware → JixiaoService.authenticate (one statement), then Database.write's
-- pipelined transaction (JixiaoService.updateIndicator): BEGIN + audit settings + table scope +
-- chain lock in one round trip, the version-checked UPDATE + COMMIT in the second.
-- Client K (0-based :client_id) owns unit K+1 like wrk's connection K+1; :tbase and :ibase are the
-- first seeded table and indicator ids (-D). Run with -M prepared and PGOPTIONS='-c role=jixiao_app'.
-- The service's UPDATE compares the stored version with the client's If-Match; pgbench has no
-- client state, so the comparison here is against a constant that always holds (same cost).
\set u :client_id + 1
\set k random(0, 4)
\set p random(0, 29)
\set tid :tbase + :client_id * 5 + :k
\set iid :ibase + (:client_id * 5 + :k) * 30 + :p
\set v random(1, 100)
WITH found AS (SELECT t.id AS token_id, u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_sha256 = sha256(convert_to('jx_bench_' || lpad(:u::text, 58, '0'), 'UTF8')) AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled), touched AS (UPDATE api_token SET last_used_at = now() WHERE id IN (SELECT token_id FROM found) AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')) SELECT id, login, display_name, unit_id, roles, disabled FROM found;
\startpipeline
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('jixiao.actor', 'bdrafter' || :u, true), set_config('jixiao.reason', '基准写入 ' || :u, true);
SELECT unit_id, supervising_unit_id, status FROM target_table WHERE id = :tid FOR SHARE;
SELECT audit_lock(:tid);
\endpipeline
\startpipeline
UPDATE indicator SET level1 = coalesce(NULL, level1), level2 = coalesce(NULL, level2), level3 = coalesce(NULL, level3), comparator = CASE WHEN false THEN NULL ELSE comparator END, value = coalesce(:v::text, value), numeric_value = CASE WHEN :v::text IS NULL THEN numeric_value ELSE :v::numeric END, unit_of_measure = coalesce(NULL, unit_of_measure), content = coalesce(NULL, content), remark = coalesce(NULL, remark) WHERE id = :iid AND table_id = :tid AND version > 0 RETURNING id, position, level1, level2, level3, comparator, value, unit_of_measure, content, remark, version, source_line;
COMMIT;
\endpipeline
