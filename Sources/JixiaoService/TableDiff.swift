import Foundation
import JixiaoCore

/// A state of a table to compare: its latest submission, its latest approved revision, the
/// end of a revision, or now.
public enum DiffPoint: Sendable, Hashable {
    /// The content as last submitted: for a draft or returned table its latest submission
    /// (what the reviewer saw); for a table in review or approved, whose content is its latest
    /// submission, the submission before it ("what changed since I returned it?").
    case lastSubmission
    /// The latest approved revision, exactly as approved.
    case approved
    /// The end of a revision (an approved one exactly as approved).
    case revision(Int)
    /// The table now.
    case current

    /// Reads `submission`, `approved`, `current` or a revision number (`1`, `2` …), the
    /// spelling of the CLI's `--since`/`--from`/`--to` and the API's `from`/`to`.
    public init?(_ text: String) {
        switch text {
        case "submission": self = .lastSubmission
        case "approved": self = .approved
        case "current": self = .current
        default:
            guard text.first != "0", text.allSatisfy({ $0.isASCII && $0.isNumber }), let revision = Int(text) else { return nil }
            self = .revision(revision)
        }
    }

    /// The spellings `init?(_:)` reads, for help texts and error messages.
    public static let spellings = "submission, approved, current or a revision number"
}

/// One side of a diff: which point it is and what it resolved to.
public struct DiffEnd: Sendable, Hashable, Codable {
    /// `submission`, `approved`, `revision` or `current`.
    public var point: String
    /// The revision the state belongs to.
    public var revision: Int
    /// When the state was reached: the submit's time for `submission`; nil otherwise.
    public var at: Date?

    public init(point: String, revision: Int, at: Date? = nil) {
        self.point = point
        self.revision = revision
        self.at = at
    }

    /// Writes every key, `at` as null when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.point, forKey: .point)
        try container.encode(self.revision, forKey: .revision)
        try container.encode(self.at, forKey: .at)
    }
}

/// What changed in a table between two states (`JixiaoService.tableDiff`): header fields,
/// goals and indicators, each field by its API name with old → new.
public struct TableDiff: Sendable, Hashable, Codable {
    public var tableID: Int64
    public var from: DiffEnd
    public var to: DiffEnd
    public var header: [FieldChange]
    public var goals: [FieldChange]
    public var indicators: [IndicatorDifference]

    public init(tableID: Int64, from: DiffEnd, to: DiffEnd, difference: TableDifference) {
        self.tableID = tableID
        self.from = from
        self.to = to
        self.header = difference.header
        self.goals = difference.goals
        self.indicators = difference.indicators
    }

    /// Nothing differs.
    public var isEmpty: Bool { self.header.isEmpty && self.goals.isEmpty && self.indicators.isEmpty }

    enum CodingKeys: String, CodingKey {
        case from, to, header, goals, indicators
        case tableID = "table_id"
    }
}
