import Foundation
import JixiaoCore
import JixiaoService

/// `POST /v1/tables`: a new table, shaped like a `TargetTable` without the server's fields.
struct NewTableBody: Decodable, Sendable {
    var title: String
    var fiscalYear: Int
    /// Code or name of the unit the table belongs to.
    var unit: String
    var header: TableHeader
    var goals: [String]?
    /// The content of each indicator row (the `Indicator` JSON without the server's fields
    /// `id`, `position`, `version`).
    var indicators: [IndicatorContent]?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case title, unit, header, goals, indicators, reason
        case fiscalYear = "fiscal_year"
    }

    var newTable: NewTable {
        NewTable(
            title: self.title,
            fiscalYear: self.fiscalYear,
            unit: self.unit,
            header: self.header,
            goals: self.goals ?? [],
            indicators: (self.indicators ?? []).map { IndicatorInput($0) }
        )
    }
}

/// `PATCH /v1/tables/{id}`: header fields to replace; absent or null leaves a field as it is.
struct TableChangeBody: Decodable, Sendable {
    var title: String?
    var header: TableHeader?
    var goals: [String]?
    var reason: String?
}

/// A reason, required (non-blank by `ChangeReason`, the service's own rule) for content
/// changes: 422 naming the body field otherwise. The service checks again for every front end.
enum Reason {
    static func require(_ reason: String?) throws -> String {
        guard let reason, case .success = ChangeReason.required(reason, for: "this change") else {
            throw APIError.reasonRequired()
        }
        return reason
    }
}
