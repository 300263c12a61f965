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
    /// The indicator's columns: identity around the content's (`IndicatorContent.Field.column`).
    static let indicatorColumns = (["id", "position"] + IndicatorContent.Field.allCases.map(\.column) + ["version", "source_line"])
        .joined(separator: ", ")

    static func unit(_ row: PQRow) throws -> BudgetUnit {
        BudgetUnit(
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
        Indicator(
            id: try row.decode(Int64.self, "id"),
            position: try row.decode(Int.self, "position"),
            fields: try self.content(row),
            version: try row.decode(Int.self, "version"),
            line: try row.decode(Int?.self, "source_line")
        )
    }

    /// The content columns of an indicator row.
    static func content(_ row: PQRow) throws -> IndicatorContent {
        var content = IndicatorContent()
        for field in IndicatorContent.Field.allCases {
            switch field.storage {
            case .text(let path): content[keyPath: path] = try row.decode(String.self, field.column)
            case .comparator: content.comparator = try row.decode(String?.self, field.column).flatMap(IndicatorComparator.init(rawValue:))
            case .weight: content.weight = try row.decode(String?.self, field.column).flatMap(Weight.init)
            }
        }
        return content
    }

    /// The parameter that stores `field` of `content` in its column.
    static func bind(_ field: IndicatorContent.Field, of content: IndicatorContent) -> (any PQEncodable)? {
        switch field.storage {
        case .text(let path): content[keyPath: path]
        case .comparator: content.comparator?.rawValue
        case .weight: content.weight.map { PQNumeric($0.description)! }
        }
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
            throw ServiceError(.internal, .badRow, "unknown status in target_table")
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

    /// The `funds_total` column of a header (`nil` without funds).
    static func fundsTotal(_ header: TableHeader) -> PQNumeric? {
        header.funds?.fundsTotal.map { PQNumeric($0.description)! }
    }
}
