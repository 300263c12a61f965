import JixiaoCore
import JixiaoService

/// `POST /v1/tables/{id}/indicators`: a new indicator, at `position` (default: last).
struct NewIndicatorBody: Decodable, Sendable {
    var fields: IndicatorContent
    var position: Int?
    var reason: String?

    enum CodingKeys: String, CodingKey { case position, reason }

    init(from decoder: any Decoder) throws {
        self.fields = try IndicatorContent(from: decoder)
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

    enum CodingKeys: String, CodingKey { case reason }

    init(from decoder: any Decoder) throws {
        self.change = try IndicatorChange(from: decoder)
        self.reason = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .reason)
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
