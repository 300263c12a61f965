import JixiaoCore
import PQ

extension Statements {
    /// Whether a unit has this name or code.
    struct UnitExists: PQStatement {
        var nameOrCode: String
        var sql: String { "SELECT 1 FROM unit WHERE name = $1 OR code = $1" }
        var bindings: [(any PQEncodable)?] { [self.nameOrCode] }
    }

    /// Adds a unit met in an imported document: its name serves as its code (imported units
    /// have no other), under the unit named `parent`, if any.
    struct InsertImportedUnit: PQStatement {
        var name: String
        var parent: String?
        var sql: String { "INSERT INTO unit (code, name, parent_id) VALUES ($1, $1, (SELECT id FROM unit WHERE name = $2))" }
        var bindings: [(any PQEncodable)?] { [self.name, self.parent] }
    }

    /// The table an import would create, if it already exists: same unit, year, kind, title
    /// and project (fund) name, which tells apart project tables with the generic title. With
    /// its scope, so that the import reveals it only to who may read it.
    struct ImportedTable: PQStatement {
        var unit: String
        var fiscalYear: Int
        var kind: TableKind
        var title: String
        var projectName: String
        var sql: String {
            """
            SELECT t.id, t.unit_id, t.supervising_unit_id, t.status FROM target_table t JOIN unit u ON u.id = t.unit_id
            WHERE (u.name = $1 OR u.code = $1) AND t.fiscal_year = $2 AND t.kind = $3 AND t.title = $4
              AND coalesce(t.header->>'project_name', t.header->>'fund_name', '') = $5
            ORDER BY t.id LIMIT 1
            """
        }
        var bindings: [(any PQEncodable)?] { [self.unit, self.fiscalYear, self.kind.rawValue, self.title, self.projectName] }
        func decodeRow(_ row: PQRow) throws -> (id: Int64, scope: TableScope?) {
            (try row.decode(Int64.self, "id"), try Statements.tableScope(row))
        }
    }
}
