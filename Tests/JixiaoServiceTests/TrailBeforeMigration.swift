import Foundation
import JixiaoService
import PQ

/// A deployment as it was before migration `version`: the schema up to `version - 1`, and one
/// approved project table (two indicators, one edited) written through that schema's audit
/// triggers. The service of today needs the newer columns, so plain SQL stands in for the old
/// service. Users: `d` (drafter) and `a` (auditor) of unit 1. Returns the table's id.
///
/// Used to prove that adding a column never breaks `audit verify` (Schema/README.md).
func approvedTableBeforeMigration(_ version: Int, url: String) throws -> Int64 {
    let all = try Migrator(directory: TestDatabase.schemaDirectory)
    let before = Migrator(migrations: all.migrations.filter { $0.version < version })
    let conn = try Connection(url)
    _ = try before.migrate(conn)
    try conn.execute("INSERT INTO unit (code, name) VALUES ('301', '和政县人力资源和社会保障局')")
    try conn.execute(
        "INSERT INTO app_user (login, display_name, unit_id, roles) VALUES ('d', 'd', 1, '{drafter}'), ('a', 'a', 1, '{auditor}')"
    )
    let id = try conn.query(
        """
        INSERT INTO target_table (kind, title, fiscal_year, unit_id, supervising_unit_id, header, goals)
        VALUES ('project', '项目支出绩效目标表', 2025, 1, 1,
                '{"kind": "project", "project_name": "奖补资金", "supervising_department": "和政县人力资源和社会保障局",
                  "implementing_unit": "和政县人力资源和社会保障局", "funds_total": "140", "fiscal_funds": "140"}', '{发放奖补资金}')
        RETURNING id
        """
    ).first!.decode(Int64.self, "id")
    try conn.execute(
        """
        INSERT INTO indicator (table_id, position, level1, level2, level3, comparator, value, unit_of_measure)
        VALUES ($1, 1, '产出指标', '数量指标', '奖补人数', '≥', '140', '人'), ($1, 2, '满意度指标', '服务对象满意度指标', '满意度', '≥', '90', '%')
        """,
        [id]
    )
    try conn.execute("UPDATE indicator SET value = '150' WHERE table_id = $1 AND position = 1", [id])
    for status in ["submitted", "supervisor_approved", "approved"] {
        try conn.execute("UPDATE target_table SET status = $2 WHERE id = $1", [id, status])
    }
    return id
}
