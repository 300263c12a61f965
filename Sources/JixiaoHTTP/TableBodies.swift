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
    var indicators: [IndicatorFields]?
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
            indicators: (self.indicators ?? []).map(\.input)
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

/// The content of one indicator row as clients send it (the `Indicator` JSON without the
/// server's fields `id`, `position`, `version`).
struct IndicatorFields: Decodable, Sendable {
    var level1: String
    var level2: String
    var level3: String
    var comparator: JixiaoCore.Comparator?
    var value: String
    var unit: String?
    var content: String?
    var remark: String?

    var input: IndicatorInput {
        IndicatorInput(
            level1: self.level1,
            level2: self.level2,
            level3: self.level3,
            comparator: self.comparator,
            value: self.value,
            unitOfMeasure: self.unit ?? "",
            content: self.content ?? "",
            remark: self.remark ?? ""
        )
    }
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
