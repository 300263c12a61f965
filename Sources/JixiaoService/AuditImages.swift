import Foundation
import JixiaoCore

/// A row image of the audit trail in the API's shape. The trail stores what the triggers
/// wrote (`to_jsonb` of the row, with the database's column names); history publishes these
/// typed values instead, converted in Swift, so the stored rows and their hash chain stay as
/// they are.
public enum AuditImage: Sendable, Hashable, Encodable {
    /// A table header row: the keys of the API's table, without `indicators`.
    case table(TableImage)
    /// An indicator row: exactly the API's indicator.
    case indicator(Indicator)
    /// A workflow event.
    case workflow(WorkflowEventImage)

    /// The audit trail's entities (`AuditEntry.entity`), one per case.
    public static let entities = ["table", "indicator", "workflow"]

    /// Reads the stored image (JSON text) of an audit row of `entity`.
    public init(entity: String, json: String) throws {
        let data = Data(json.utf8)
        let decoder = JSONDecoder()
        switch entity {
        case "table": self = .table(try decoder.decode(TableImage.self, from: data))
        case "indicator": self = .indicator(try decoder.decode(IndicatorRowImage.self, from: data).indicator)
        case "workflow": self = .workflow(try decoder.decode(WorkflowEventImage.self, from: data))
        default: throw ServiceError(.internal, .badRow, "unknown audit entity \(entity)")
        }
    }

    /// Writes the image itself (no wrapper): its keys are those of the value it holds.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .table(let image): try image.encode(to: encoder)
        case .indicator(let indicator): try indicator.encode(to: encoder)
        case .workflow(let image): try image.encode(to: encoder)
        }
    }

    /// The API's name of a stored column of `entity`, or nil for a column the API does not
    /// show (timestamps of the row, derived totals, the workflow's user columns).
    public static func fieldName(_ column: String, entity: String) -> String? {
        switch (entity, column) {
        case ("indicator", "source_line"): return "line"
        case ("indicator", "id"), ("indicator", "position"), ("indicator", "numeric_value"), ("indicator", "version"): return column
        case ("indicator", let column): return IndicatorContent.Field.allCases.first { $0.column == column }?.jsonKey
        case ("table", let column) where TableImage.CodingKeys(rawValue: column) != nil: return column
        case ("workflow", let column) where WorkflowEventImage.CodingKeys(rawValue: column) != nil: return column
        default: return nil
        }
    }
}

/// A table header row as history shows it: the API's table keys (`id`, `kind`, `title`,
/// `fiscal_year`, `unit_id`, `supervising_unit_id`, `status`, `revision`, `version`, `header`,
/// `goals`), without the indicators.
public struct TableImage: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: TableKind
    public var title: String
    public var fiscalYear: Int
    public var unitID: Int64
    public var supervisingUnitID: Int64
    public var status: TableStatus
    public var revision: Int
    public var version: Int
    public var header: TableHeader
    public var goals: [String]

    enum CodingKeys: String, CodingKey {
        case id, kind, title, status, revision, version, header, goals
        case fiscalYear = "fiscal_year"
        case unitID = "unit_id"
        case supervisingUnitID = "supervising_unit_id"
    }
}

/// A workflow event as history shows it: who (`user_id`) took which step, from and to which
/// status, in which revision, why, and about which indicators.
public struct WorkflowEventImage: Sendable, Hashable, Codable {
    public var id: Int64
    public var userID: Int64
    public var action: WorkflowAction
    public var fromStatus: TableStatus
    public var toStatus: TableStatus
    public var revision: Int
    public var reason: String?
    public var indicatorIDs: [Int64]
    public var at: Date

    enum CodingKeys: String, CodingKey {
        case id, action, revision, reason, at
        case userID = "user_id"
        case fromStatus = "from_status"
        case toStatus = "to_status"
        case indicatorIDs = "indicator_ids"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(Int64.self, forKey: .id)
        self.userID = try container.decode(Int64.self, forKey: .userID)
        self.action = try container.decode(WorkflowAction.self, forKey: .action)
        self.fromStatus = try container.decode(TableStatus.self, forKey: .fromStatus)
        self.toStatus = try container.decode(TableStatus.self, forKey: .toStatus)
        self.revision = try container.decode(Int.self, forKey: .revision)
        self.reason = try container.decodeIfPresent(String.self, forKey: .reason)
        self.indicatorIDs = try container.decode([Int64].self, forKey: .indicatorIDs)
        // PostgreSQL writes timestamptz into JSON as RFC 3339 text with its session's offset.
        let text = try container.decode(String.self, forKey: .at)
        guard let at = Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .at, in: container, debugDescription: "not a timestamp: \(text)")
        }
        self.at = at
    }

    /// Writes every key, `reason` as `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.userID, forKey: .userID)
        try container.encode(self.action, forKey: .action)
        try container.encode(self.fromStatus, forKey: .fromStatus)
        try container.encode(self.toStatus, forKey: .toStatus)
        try container.encode(self.revision, forKey: .revision)
        try container.encode(self.reason, forKey: .reason)
        try container.encode(self.indicatorIDs, forKey: .indicatorIDs)
        try container.encode(self.at, forKey: .at)
    }
}

/// An indicator row image as the trigger stored it (the database's column names): the
/// content through `IndicatorContent`'s own reading (`.columns`), so a new field needs no
/// case here. Also reads the `to_jsonb` rows of the table list (weight as text there too).
struct IndicatorRowImage: Decodable {
    var id: Int64
    var position: Int
    var fields: IndicatorContent
    var version: Int
    var sourceLine: Int?

    enum CodingKeys: String, CodingKey {
        case id, position, version
        case sourceLine = "source_line"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(Int64.self, forKey: .id)
        self.position = try container.decode(Int.self, forKey: .position)
        self.version = try container.decode(Int.self, forKey: .version)
        self.sourceLine = try container.decodeIfPresent(Int.self, forKey: .sourceLine)
        self.fields = try IndicatorContent(from: decoder, reading: .columns)
    }

    var indicator: Indicator {
        Indicator(id: self.id, position: self.position, fields: self.fields, version: self.version, line: self.sourceLine)
    }
}
