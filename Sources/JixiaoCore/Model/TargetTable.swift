import Foundation

/// 绩效目标表: one table of one unit for one fiscal year, with its header, goals and indicators.
public struct TargetTable: Sendable, Hashable, Codable, Identifiable {
    /// The fiscal years a table may have (年度): a typo such as 225 or 20025 is refused.
    /// The CHECK `target_table_fiscal_year_range` repeats it in the database.
    public static let fiscalYears: ClosedRange<Int> = 2000...2100

    /// Stable identity across revisions.
    public var id: Int64
    /// The full title as written, e.g. `项目支出绩效目标表（2025年度）`.
    public var title: String
    /// 年度, e.g. 2025.
    public var fiscalYear: Int
    /// The unit that drafts the table.
    public var unitID: Int64
    /// The unit whose supervisors review it; equals `unitID` for a department's own table.
    public var supervisingUnitID: Int64
    /// Where the table stands in the workflow.
    public var status: TableStatus
    /// Starts at 1; `adjust` of an approved table opens the next revision.
    public var revision: Int
    /// Optimistic-concurrency version of the table header row.
    public var version: Int
    /// The kind-specific header; decides `kind`.
    public var header: TableHeader
    /// 总体目标 / 年度绩效目标, one entry per numbered goal, as written (HTML included).
    public var goals: [String]
    /// In official order.
    public var indicators: [Indicator]
    /// The return the table is answering, until its next submit; nil otherwise, and in
    /// historical views (a past state is shown as it was stored, without its review).
    public var openReturn: OpenReturn?

    /// The kind, always that of `header`, so the two cannot disagree.
    public var kind: TableKind { self.header.kind }

    /// A table; new tables start as draft, revision 1, version 1.
    public init(
        id: Int64,
        title: String,
        fiscalYear: Int,
        unitID: Int64,
        supervisingUnitID: Int64,
        status: TableStatus = .draft,
        revision: Int = 1,
        version: Int = 1,
        header: TableHeader,
        goals: [String],
        indicators: [Indicator],
        openReturn: OpenReturn? = nil
    ) {
        self.id = id
        self.title = title
        self.fiscalYear = fiscalYear
        self.unitID = unitID
        self.supervisingUnitID = supervisingUnitID
        self.status = status
        self.revision = revision
        self.version = version
        self.header = header
        self.goals = goals
        self.indicators = indicators
        self.openReturn = openReturn
    }

    /// What permission checks need to know about the table.
    public var scope: TableScope {
        TableScope(unitID: self.unitID, supervisingUnitID: self.supervisingUnitID, status: self.status)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, status, revision, version, header, goals, indicators
        case openReturn = "open_return"
        case fiscalYear = "fiscal_year"
        case unitID = "unit_id"
        case supervisingUnitID = "supervising_unit_id"
    }

    /// A table; new tables start as draft, revision 1, version 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(Int64.self, forKey: .id)
        self.title = try container.decode(String.self, forKey: .title)
        self.fiscalYear = try container.decode(Int.self, forKey: .fiscalYear)
        self.unitID = try container.decode(Int64.self, forKey: .unitID)
        self.supervisingUnitID = try container.decode(Int64.self, forKey: .supervisingUnitID)
        self.status = try container.decode(TableStatus.self, forKey: .status)
        self.revision = try container.decode(Int.self, forKey: .revision)
        self.version = try container.decode(Int.self, forKey: .version)
        self.header = try container.decode(TableHeader.self, forKey: .header)
        self.goals = try container.decode([String].self, forKey: .goals)
        self.indicators = try container.decode([Indicator].self, forKey: .indicators)
        self.openReturn = try container.decodeIfPresent(OpenReturn.self, forKey: .openReturn)
        if let kind = try container.decodeIfPresent(TableKind.self, forKey: .kind), kind != self.header.kind {
            throw DecodingError.dataCorruptedError(
                forKey: .kind,
                in: container,
                debugDescription: "kind '\(kind.rawValue)' disagrees with the header's kind '\(self.header.kind.rawValue)'"
            )
        }
    }

    /// Encodes the JSON API shape, `kind` included, and `open_return` always (null when none).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.kind, forKey: .kind)
        try container.encode(self.title, forKey: .title)
        try container.encode(self.fiscalYear, forKey: .fiscalYear)
        try container.encode(self.unitID, forKey: .unitID)
        try container.encode(self.supervisingUnitID, forKey: .supervisingUnitID)
        try container.encode(self.status, forKey: .status)
        try container.encode(self.revision, forKey: .revision)
        try container.encode(self.version, forKey: .version)
        try container.encode(self.header, forKey: .header)
        try container.encode(self.goals, forKey: .goals)
        try container.encode(self.indicators, forKey: .indicators)
        try container.encode(self.openReturn, forKey: .openReturn)
    }
}
