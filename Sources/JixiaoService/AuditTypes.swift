import Foundation

/// One row of the audit trail as stored: its row images are the JSON text the triggers wrote
/// (the database's column names). History publishes `HistoryEntry` instead.
public typealias AuditEntry = AuditRecord<String>

/// One row of the audit trail as history publishes it: row images typed (`AuditImage`, the
/// API's field names), `changed_fields` named as the API names them.
public typealias HistoryEntry = AuditRecord<AuditImage>

/// One row of the audit trail: a change to a table's header, an indicator, or a workflow
/// event, with its row images as `Image`.
public struct AuditRecord<Image: Sendable & Hashable>: Sendable, Hashable {
    public var tableID: Int64
    /// Position in the table's hash chain (1, 2, 3 …).
    public var seq: Int64
    /// `table`, `indicator` or `workflow`.
    public var entity: String
    /// `insert`, `update` or `delete`.
    public var op: String
    public var indicatorID: Int64?
    /// The row before (nil for an insert) and after (nil for a delete).
    public var oldValues: Image?
    public var newValues: Image?
    public var changedFields: [String]?
    public var actor: String
    public var reason: String?
    public var tableStatus: String?
    public var tableRevision: Int?
    public var changedAt: Date
    public var transactionID: Int64

    enum CodingKeys: String, CodingKey {
        case seq, entity, op, actor, reason
        case tableID = "table_id"
        case indicatorID = "indicator_id"
        case oldValues = "old_values"
        case newValues = "new_values"
        case changedFields = "changed_fields"
        case tableStatus = "table_status"
        case tableRevision = "table_revision"
        case changedAt = "changed_at"
        case transactionID = "txid"
    }
}

extension AuditRecord: Encodable where Image: Encodable {}
extension AuditRecord: Decodable where Image: Decodable {}

/// Which part of the audit trail to read.
public enum HistoryQuery: Sendable, Hashable {
    case table(Int64)
    case indicator(Int64)
    case actor(String)
    /// Everything (filtered by the time range).
    case all
}

/// One indicator's difference between two revisions.
public struct IndicatorDiff: Sendable, Hashable, Codable {
    public var indicatorID: Int64
    /// `added`, `removed` or `changed`.
    public var change: String
    public var old: String?
    public var new: String?
    public var changedFields: [String]

    enum CodingKeys: String, CodingKey {
        case change, old, new
        case indicatorID = "indicator_id"
        case changedFields = "changed_fields"
    }
}

/// A broken audit chain, as `verify` reports it.
public struct ChainProblem: Sendable, Hashable, Codable {
    public var tableID: Int64
    /// The first row of the chain that does not check out.
    public var seq: Int64?
    public var reason: String

    enum CodingKeys: String, CodingKey {
        case seq, reason
        case tableID = "table_id"
    }
}
