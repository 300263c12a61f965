import Foundation
import JixiaoCore
import PQ

extension Statements {
    /// The row lock a table read takes.
    enum TableLock: String, Sendable {
        case unlocked = ""
        case forUpdate = "FOR UPDATE"
        case forShare = "FOR SHARE"
    }

    /// One table row with its open return (prepared per lock clause). The return comes from
    /// a subquery in the select list, so the row lock stays on `target_table` alone and a
    /// read stays one statement.
    struct LoadTable: PQStatement {
        var id: Int64
        var lock: TableLock = .unlocked
        var sql: String {
            "SELECT \(Rows.tableColumns), \(Rows.openReturnColumn) FROM target_table WHERE id = $1 \(self.lock.rawValue)"
        }
        var preparedName: String? { "load_table" + self.lock.rawValue.lowercased().replacingOccurrences(of: " ", with: "_") }
        var bindings: [(any PQEncodable)?] { [self.id, Rows.decidingActions] }
        func decodeRow(_ row: PQRow) throws -> Rows.TableRow {
            var loaded = try Rows.table(row)
            loaded.table.openReturn = try Rows.openReturn(row)
            return loaded
        }
    }

    /// The table's owner, supervisor and status, share-locked; `nil` for an unknown status.
    struct TableScopeForShare: PQStatement {
        var tableID: Int64
        var sql: String { "SELECT unit_id, supervising_unit_id, status FROM target_table WHERE id = $1 FOR SHARE" }
        var preparedName: String? { "table_scope" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
        func decodeRow(_ row: PQRow) throws -> TableScope? { try Statements.tableScope(row) }
    }

    /// The scope in a row's `unit_id`, `supervising_unit_id` and `status`; `nil` for an unknown status.
    static func tableScope(_ row: PQRow) throws -> TableScope? {
        guard let status = TableStatus(rawValue: try row.decode(String.self, "status")) else { return nil }
        return TableScope(
            unitID: try row.decode(Int64.self, "unit_id"),
            supervisingUnitID: try row.decode(Int64.self, "supervising_unit_id"),
            status: status
        )
    }

    /// The table's audit-chain lock: every writer of a table's content takes it before its
    /// row locks (see `JixiaoService.applyChange`).
    struct AuditLock: PQStatement {
        var tableID: Int64
        var sql: String { "SELECT audit_lock($1)" }
        var preparedName: String? { "audit_lock" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
    }

    /// Inserts a table row; returns its id.
    struct InsertTable: PQStatement {
        var new: NewTable
        var headerJSON: String
        var unit: BudgetUnit
        var sql: String {
            """
            INSERT INTO target_table (kind, title, fiscal_year, unit_id, supervising_unit_id, header, goals, funds_total, source_line)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING id
            """
        }
        var bindings: [(any PQEncodable)?] {
            [
                self.new.header.kind.rawValue, self.new.title, self.new.fiscalYear, self.unit.id, self.unit.supervisingUnitID, self.headerJSON,
                self.new.goals, Rows.fundsTotal(self.new.header), self.new.sourceLine,
            ]
        }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "id") }
    }

    /// Replaces the header fields given (`nil` keeps one); a new header brings its funds total.
    struct UpdateTableHeader: PQStatement {
        var id: Int64
        var title: String?
        var headerJSON: String?
        var goals: [String]?
        var header: TableHeader?
        var sql: String {
            """
            UPDATE target_table SET title = coalesce($2, title), header = coalesce($3::jsonb, header),
                   goals = coalesce($4, goals),
                   funds_total = CASE WHEN $3::jsonb IS NULL THEN funds_total ELSE $5 END
            WHERE id = $1
            """
        }
        var bindings: [(any PQEncodable)?] { [self.id, self.title, self.headerJSON, self.goals, self.header.flatMap(Rows.fundsTotal)] }
    }

    /// A table as listed, with the scope its read permission is checked on, and its content
    /// (header row and indicator rows as JSON text) for the validator: decoded only for the
    /// rows the caller may read.
    struct ListedTable: Sendable {
        var scope: TableScope
        var summary: TableSummary
        var row: PQRow
    }

    /// The tables matching `filter`, ordered by year, unit and title, in one statement: each
    /// with its unit names, its latest submit (who, when) and its indicators aggregated as
    /// JSON, so that findings are counted by the validator without a query per table. Rows of
    /// unknown status or kind decode to `nil`.
    struct ListTables: PQStatement {
        var filter: TableFilter
        var sql: String {
            """
            SELECT \(Rows.tableColumns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                   u.name AS unit_name, s.name AS supervising_name,
                   sub.at AS submitted_at, sub.user_id AS submitter_id, sub.login AS submitter_login,
                   sub.display_name AS submitter_name,
                   coalesce(ind.count, 0) AS indicator_count, coalesce(ind.rows, '[]')::text AS indicator_rows
            FROM target_table t JOIN unit u ON u.id = t.unit_id JOIN unit s ON s.id = t.supervising_unit_id
            LEFT JOIN LATERAL (
                SELECT e.at, p.id AS user_id, p.login, p.display_name
                FROM workflow_event e JOIN app_user p ON p.id = e.user_id
                WHERE e.table_id = t.id AND e.action = 'submit' ORDER BY e.id DESC LIMIT 1
            ) sub ON true
            LEFT JOIN LATERAL (
                SELECT count(*)::int AS count,
                       jsonb_agg(to_jsonb(i) || jsonb_build_object('weight', i.weight::text) ORDER BY i.position) AS rows
                FROM indicator i WHERE i.table_id = t.id
            ) ind ON true
            WHERE ($1::int IS NULL OR t.fiscal_year = $1)
              AND ($2::text IS NULL OR u.code = $2 OR u.name = $2)
              AND ($3::text IS NULL OR t.status = $3)
              AND ($4::text IS NULL OR t.kind = $4)
            ORDER BY t.fiscal_year, u.code, t.title, t.id
            """
        }
        var bindings: [(any PQEncodable)?] {
            [self.filter.fiscalYear, self.filter.unit, self.filter.status?.rawValue, self.filter.kind?.rawValue]
        }
        func decodeRow(_ row: PQRow) throws -> ListedTable? {
            guard let status = TableStatus(rawValue: try row.decode(String.self, "status")),
                let kind = TableKind(rawValue: try row.decode(String.self, "kind"))
            else { return nil }
            let scope = TableScope(
                unitID: try row.decode(Int64.self, "unit_id"),
                supervisingUnitID: try row.decode(Int64.self, "supervising_unit_id"),
                status: status
            )
            let submitter = try row.decode(Int64?.self, "submitter_id").map { id in
                Person(id: id, login: try row.decode(String.self, "submitter_login"), displayName: try row.decode(String.self, "submitter_name"))
            }
            let summary = TableSummary(
                id: try row.decode(Int64.self, "id"),
                kind: kind,
                title: try row.decode(String.self, "title"),
                fiscalYear: try row.decode(Int.self, "fiscal_year"),
                unit: try row.decode(String.self, "unit_name"),
                supervisingUnit: try row.decode(String.self, "supervising_name"),
                status: status,
                revision: try row.decode(Int.self, "revision"),
                version: try row.decode(Int.self, "version"),
                indicatorCount: try row.decode(Int.self, "indicator_count"),
                submittedBy: submitter,
                submittedAt: try row.decode(Date?.self, "submitted_at")
            )
            return ListedTable(scope: scope, summary: summary, row: row)
        }
    }
}
