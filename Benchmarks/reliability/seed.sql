-- Seed of the reliability scripts (no-lost-update.sh, faults.sh): one unit R001 with
-- :clients drafters rdrafter1…N, each with its own token jx_rel_<N zero-padded to 60 digits>
-- (so that the audit trail's actor tells which client wrote), and one draft project table with
-- 10 indicators that every client writes to: all writes conflict on the same rows and queue on
-- the same audit chain. Run as the superuser on a fresh, migrated, initialised database; the
-- audit triggers fire as for any change. Prints "<indicator id>:<version>" per indicator.
BEGIN;
SELECT set_config('jixiao.actor', 'bench-seed', true), set_config('jixiao.reason', 'reliability seed', true) \g /dev/null
INSERT INTO unit (code, name, parent_id) SELECT 'R001', '可靠性测试单位', id FROM unit WHERE code = '000';
INSERT INTO app_user (login, display_name, unit_id, roles)
SELECT 'rdrafter' || n, '填报员' || n, (SELECT id FROM unit WHERE code = 'R001'), ARRAY['drafter']
FROM generate_series(1, :clients) AS n ORDER BY n;
INSERT INTO api_token (user_id, token_sha256, label, expires_at)
SELECT u.id, sha256(convert_to('jx_rel_' || lpad(n::text, 60, '0'), 'UTF8')), 'reliability', now() + interval '1 day'
FROM generate_series(1, :clients) AS n JOIN app_user u ON u.login = 'rdrafter' || n ORDER BY n;
INSERT INTO target_table (kind, title, fiscal_year, unit_id, supervising_unit_id, funds_total, goals, header)
SELECT 'project', '可靠性项目', 2025, u.id, u.parent_id, 100, ARRAY['无丢失更新'],
       jsonb_build_object('kind', 'project', 'funds_total', '100', 'fiscal_funds', '100',
                          'project_name', '可靠性项目', 'implementing_unit', u.name,
                          'supervising_department', '和政县财政局')
FROM unit u WHERE u.code = 'R001';
INSERT INTO indicator (table_id, position, level1, level2, level3, comparator, value, numeric_value, unit_of_measure, content)
SELECT t.id, p, '产出指标', '数量指标', '争用指标' || p, '≥', '90', 90, '%', '争用指标内容' || p
FROM target_table t CROSS JOIN generate_series(1, 10) AS p
WHERE t.title = '可靠性项目'
ORDER BY p;
COMMIT;
SELECT i.id || ':' || i.version FROM indicator i JOIN target_table t ON t.id = i.table_id
WHERE t.title = '可靠性项目' ORDER BY i.position;
