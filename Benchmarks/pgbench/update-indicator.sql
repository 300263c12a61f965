-- pgbench script of Benchmarks/write-path.sh: the SQL that `jixiao serve` issues for one
-- PATCH /v1/tables/{id}/indicators/{iid} (BearerAuthMiddleware → JixiaoService.authenticate, then
-- Database.write → updateIndicator → editableScope + applyChange), statement for statement.
-- Client K (0-based :client_id) owns unit K+1 like wrk's connection K+1; :tbase and :ibase are the
-- first seeded table and indicator ids (-D). Run with -M prepared and PGOPTIONS='-c role=jixiao_app'.
\set u :client_id + 1
\set k random(0, 4)
\set p random(0, 29)
\set tid :tbase + :client_id * 5 + :k
\set iid :ibase + (:client_id * 5 + :k) * 30 + :p
\set v random(1, 100)
UPDATE api_token t SET last_used_at = now() FROM app_user u WHERE t.token_sha256 = sha256(convert_to('jx_bench_' || lpad(:u::text, 58, '0'), 'UTF8')) AND u.id = t.user_id AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled RETURNING u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled;
BEGIN ISOLATION LEVEL READ COMMITTED;
SELECT set_config('jixiao.actor', 'bdrafter' || :u, true), set_config('jixiao.reason', '基准写入 ' || :u, true);
SELECT unit_id, supervising_unit_id, status FROM target_table WHERE id = :tid FOR SHARE;
SELECT audit_lock(:tid);
SELECT id, position, level1, level2, level3, comparator, value, unit_of_measure, content, remark, version, source_line FROM indicator WHERE id = :iid AND table_id = :tid \gset cur_
UPDATE indicator SET level1 = :cur_level1, level2 = :cur_level2, level3 = :cur_level3, comparator = :cur_comparator, value = :v::text, numeric_value = :v::numeric, unit_of_measure = :cur_unit_of_measure, content = :cur_content, remark = :cur_remark WHERE id = :iid AND version = :cur_version RETURNING id, position, level1, level2, level3, comparator, value, unit_of_measure, content, remark, version, source_line;
COMMIT;
