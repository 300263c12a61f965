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

    /// The table's newest workflow step among those that open or close a return
    /// (`OpenReturn.decidingActions`, bound as `$2`), with its actor, as JSON text
    /// (`open_return`); read by `openReturn(_:)`. Needs `target_table` in the FROM clause.
    static let openReturnColumn = """
        (SELECT jsonb_build_object('action', e.action, 'id', p.id, 'login', p.login, 'display_name', p.display_name,
                                   'at', e.at, 'reason', e.reason, 'indicator_ids', e.indicator_ids)::text
           FROM workflow_event e JOIN app_user p ON p.id = e.user_id
          WHERE e.table_id = target_table.id AND e.action = ANY($2::text[])
          ORDER BY e.id DESC LIMIT 1) AS open_return
        """

    /// `OpenReturn.decidingActions` as the text-array parameter of `openReturnColumn`.
    static var decidingActions: [String] { OpenReturn.decidingActions.map(\.rawValue) }

    /// The open return of an `openReturnColumn`: nil unless the newest deciding step is a return.
    static func openReturn(_ row: PQRow) throws -> OpenReturn? {
        guard let json = try row.decode(String?.self, "open_return") else { return nil }
        let step = try JSONDecoder().decode(ReviewStep.self, from: Data(json.utf8))
        guard step.action == .return else { return nil }
        guard let at = Timestamp.parse(step.at) else {
            throw ServiceError(.internal, .badRow, "workflow_event.at is not a timestamp: \(step.at)")
        }
        return OpenReturn(
            returnedBy: Person(id: step.id, login: step.login, displayName: step.displayName),
            returnedAt: at,
            reason: step.reason ?? "",
            indicatorIDs: step.indicatorIDs
        )
    }

    /// The JSON object of `openReturnColumn`.
    private struct ReviewStep: Decodable {
        var action: WorkflowAction
        var id: Int64
        var login: String
        var displayName: String
        var at: String
        var reason: String?
        var indicatorIDs: [Int64]

        enum CodingKeys: String, CodingKey {
            case action, id, login, at, reason
            case displayName = "display_name"
            case indicatorIDs = "indicator_ids"
        }
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
