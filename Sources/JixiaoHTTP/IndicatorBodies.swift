import JixiaoCore
import JixiaoService

/// `POST /v1/tables/{id}/indicators`: a new indicator, at `position` (default: last).
struct NewIndicatorBody: Decodable, Sendable {
    var fields: IndicatorFields
    var position: Int?
    var reason: String?

    enum CodingKeys: String, CodingKey { case position, reason }

    init(from decoder: any Decoder) throws {
        self.fields = try IndicatorFields(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.position = try container.decodeIfPresent(Int.self, forKey: .position)
        self.reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }
}

/// `PATCH /v1/tables/{id}/indicators/{iid}`: the fields to change. Absent or null leaves a
/// field as it is, except `comparator`, where null clears it.
struct IndicatorChangeBody: Decodable, Sendable {
    var change: IndicatorChange
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case level1, level2, level3, comparator, value, unit, content, remark, reason
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var comparator: JixiaoCore.Comparator??
        if container.contains(.comparator) {
            comparator = .some(try container.decodeIfPresent(JixiaoCore.Comparator.self, forKey: .comparator))
        }
        self.change = IndicatorChange(
            level1: try container.decodeIfPresent(String.self, forKey: .level1),
            level2: try container.decodeIfPresent(String.self, forKey: .level2),
            level3: try container.decodeIfPresent(String.self, forKey: .level3),
            comparator: comparator,
            value: try container.decodeIfPresent(String.self, forKey: .value),
            unitOfMeasure: try container.decodeIfPresent(String.self, forKey: .unit),
            content: try container.decodeIfPresent(String.self, forKey: .content),
            remark: try container.decodeIfPresent(String.self, forKey: .remark)
        )
        self.reason = try container.decodeIfPresent(String.self, forKey: .reason)
    }
}

/// `POST /v1/tables/{id}/indicators/{iid}/move`.
struct MoveIndicatorBody: Decodable, Sendable {
    var position: Int
    var reason: String?
}

/// `DELETE /v1/tables/{id}/indicators/{iid}`: why it is removed.
struct ReasonBody: Decodable, Sendable {
    var reason: String?
}

/// `POST /v1/tables/{id}/submit|withdraw|approve|return|adjust`.
struct TransitionBody: Decodable, Sendable {
    var reason: String?
    /// For `return`: the indicators the reason is about.
    var indicatorIDs: [Int64]?

    enum CodingKeys: String, CodingKey {
        case reason
        case indicatorIDs = "indicator_ids"
    }
}
