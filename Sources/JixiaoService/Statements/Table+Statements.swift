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

    /// One table row (prepared per lock clause).
    struct LoadTable: PQStatement {
        var id: Int64
        var lock: TableLock = .unlocked
        var sql: String { "SELECT \(Rows.tableColumns) FROM target_table WHERE id = $1 \(self.lock.rawValue)" }
        var preparedName: String? { "load_table" + self.lock.rawValue.lowercased().replacingOccurrences(of: " ", with: "_") }
        var bindings: [(any PQEncodable)?] { [self.id] }
        func decodeRow(_ row: PQRow) throws -> Rows.TableRow { try Rows.table(row) }
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

    /// A table as listed, with the scope its read permission is checked on.
    struct ListedTable: Sendable {
        var scope: TableScope
        var summary: TableSummary
    }

    /// The tables matching `filter`, ordered by year, unit and title; rows of unknown status or
    /// kind decode to `nil`.
    struct ListTables: PQStatement {
        var filter: TableFilter
        var sql: String {
            """
            SELECT t.id, t.kind, t.title, t.fiscal_year, t.unit_id, t.supervising_unit_id, t.status, t.revision, t.version,
                   u.name AS unit_name, s.name AS supervising_name,
                   (SELECT count(*)::int FROM indicator i WHERE i.table_id = t.id) AS indicator_count
            FROM target_table t JOIN unit u ON u.id = t.unit_id JOIN unit s ON s.id = t.supervising_unit_id
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
                indicatorCount: try row.decode(Int.self, "indicator_count")
            )
            return ListedTable(scope: scope, summary: summary)
        }
    }
}
