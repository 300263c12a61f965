import Foundation
import JixiaoCore
import PQ

/// Decoding of database rows into domain values: the one place that knows the column names
/// of `unit`, `app_user`, `target_table` and `indicator`.
enum Rows {
    static let unitColumns = "id, code, name, parent_id"
    static let userColumns = "id, login, display_name, unit_id, roles, disabled"
    static let tableColumns = """
        id, kind, title, fiscal_year, unit_id, supervising_unit_id, status, revision, version, \
        header, goals, funds_total, submitted_by, supervisor_approved_by, source_line
        """
    static let indicatorColumns = """
        id, position, level1, level2, level3, comparator, value, unit_of_measure, content, remark, version, source_line
        """

    static func unit(_ row: PQRow) throws -> JixiaoCore.Unit {
        JixiaoCore.Unit(
            id: try row.decode(Int64.self, "id"),
            code: try row.decode(String.self, "code"),
            name: try row.decode(String.self, "name"),
            parentID: try row.decode(Int64?.self, "parent_id")
        )
    }

    static func user(_ row: PQRow) throws -> User {
        let roles = try row.decode([String].self, "roles").compactMap(Role.init(rawValue:))
        return User(
            id: try row.decode(Int64.self, "id"),
            login: try row.decode(String.self, "login"),
            displayName: try row.decode(String.self, "display_name"),
            unitID: try row.decode(Int64.self, "unit_id"),
            roles: Set(roles),
            disabled: try row.decode(Bool.self, "disabled")
        )
    }

    static func indicator(_ row: PQRow) throws -> Indicator {
        let comparatorText = try row.decode(String?.self, "comparator")
        return Indicator(
            id: try row.decode(Int64.self, "id"),
            position: try row.decode(Int.self, "position"),
            level1: try row.decode(String.self, "level1"),
            level2: try row.decode(String.self, "level2"),
            level3: try row.decode(String.self, "level3"),
            comparator: comparatorText.flatMap(JixiaoCore.Comparator.init(rawValue:)),
            value: try row.decode(String.self, "value"),
            unitOfMeasure: try row.decode(String.self, "unit_of_measure"),
            content: try row.decode(String.self, "content"),
            remark: try row.decode(String.self, "remark"),
            version: try row.decode(Int.self, "version"),
            line: try row.decode(Int?.self, "source_line")
        )
    }

    /// A table row (without indicators) plus the workflow columns the domain value does not hold.
    struct TableRow: Sendable {
        var table: TargetTable
        var submittedBy: Int64?
        var supervisorApprovedBy: Int64?
    }

    static func table(_ row: PQRow) throws -> TableRow {
        let header = try JSONDecoder().decode(TableHeader.self, from: Data(try row.decode(String.self, "header").utf8))
        guard let status = TableStatus(rawValue: try row.decode(String.self, "status")) else {
            throw ServiceError(.internal, "bad-row", "unknown status in target_table")
        }
        let table = TargetTable(
            id: try row.decode(Int64.self, "id"),
            title: try row.decode(String.self, "title"),
            fiscalYear: try row.decode(Int.self, "fiscal_year"),
            unitID: try row.decode(Int64.self, "unit_id"),
            supervisingUnitID: try row.decode(Int64.self, "supervising_unit_id"),
            status: status,
            revision: try row.decode(Int.self, "revision"),
            version: try row.decode(Int.self, "version"),
            header: header,
            goals: try row.decode([String].self, "goals"),
            indicators: []
        )
        return TableRow(
            table: table,
            submittedBy: try row.decode(Int64?.self, "submitted_by"),
            supervisorApprovedBy: try row.decode(Int64?.self, "supervisor_approved_by")
        )
    }

    /// The header as stored: JSON text with amounts as strings.
    static func headerJSON(_ header: TableHeader) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(header), as: UTF8.self)
    }

    /// The numeric column of an indicator value (exact; `nil` when not a number).
    static func numeric(_ indicator: Indicator) -> PQNumeric? {
        indicator.numericValue.flatMap { PQNumeric($0.description) }
    }
}
