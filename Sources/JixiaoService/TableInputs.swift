import Foundation
import JixiaoCore

/// A new indicator row: its content and, for an imported document, its source line.
@dynamicMemberLookup
public struct IndicatorInput: Sendable, Hashable {
    public var fields: IndicatorContent
    /// Source line in an imported document.
    public var line: Int?

    public init(_ fields: IndicatorContent, line: Int? = nil) {
        self.fields = fields
        self.line = line
    }

    public init(
        level1: String,
        level2: String,
        level3: String,
        comparator: IndicatorComparator?,
        value: String,
        unitOfMeasure: String = "",
        content: String = "",
        remark: String = "",
        line: Int? = nil
    ) {
        let fields = IndicatorContent(
            level1: level1,
            level2: level2,
            level3: level3,
            comparator: comparator,
            value: value,
            unitOfMeasure: unitOfMeasure,
            content: content,
            remark: remark
        )
        self.init(fields, line: line)
    }

    /// The same content as an existing indicator.
    public init(_ indicator: Indicator) {
        self.init(indicator.fields, line: indicator.line)
    }

    /// A content field, read and written as the input's own.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<IndicatorContent, Value>) -> Value {
        get { self.fields[keyPath: keyPath] }
        set { self.fields[keyPath: keyPath] = newValue }
    }
}

/// A new target table.
public struct NewTable: Sendable, Hashable {
    public var title: String
    public var fiscalYear: Int
    /// Code or name of the unit the table belongs to (implementing unit).
    public var unit: String
    public var header: TableHeader
    public var goals: [String]
    public var indicators: [IndicatorInput]
    public var sourceLine: Int?

    public init(
        title: String,
        fiscalYear: Int,
        unit: String,
        header: TableHeader,
        goals: [String],
        indicators: [IndicatorInput] = [],
        sourceLine: Int? = nil
    ) {
        self.title = title
        self.fiscalYear = fiscalYear
        self.unit = unit
        self.header = header
        self.goals = goals
        self.indicators = indicators
        self.sourceLine = sourceLine
    }
}

/// Filters for listing tables; `nil` means any.
public struct TableFilter: Sendable, Hashable {
    public var fiscalYear: Int?
    /// Code or name of the unit.
    public var unit: String?
    public var status: TableStatus?
    public var kind: TableKind?
    /// Only the tables waiting for a step of the caller (`WorkQueue`, 待我处理).
    public var waitingForMe: Bool

    public init(fiscalYear: Int? = nil, unit: String? = nil, status: TableStatus? = nil, kind: TableKind? = nil, waitingForMe: Bool = false) {
        self.fiscalYear = fiscalYear
        self.unit = unit
        self.status = status
        self.kind = kind
        self.waitingForMe = waitingForMe
    }
}

/// A table as listed, for triage: the header facts without indicators, who submitted it
/// when, and its validation findings counted (by `Validator`, as `table findings` lists them).
public struct TableSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var kind: TableKind
    public var title: String
    public var fiscalYear: Int
    public var unit: String
    public var supervisingUnit: String
    public var status: TableStatus
    public var revision: Int
    public var version: Int
    public var indicatorCount: Int
    /// 项目名称 or 专项名称 (`TableHeader.name`); nil for a department's table.
    public var name: String? = nil
    /// Who made the table's latest submit (nil: never submitted).
    public var submittedBy: Person? = nil
    /// When.
    public var submittedAt: Date? = nil
    /// Error-level findings (they block submit).
    public var errorCount: Int = 0
    /// Warning-level findings.
    public var warningCount: Int = 0

    enum CodingKeys: String, CodingKey {
        case id, kind, title, unit, status, revision, version, name
        case fiscalYear = "fiscal_year"
        case supervisingUnit = "supervising_unit"
        case indicatorCount = "indicator_count"
        case submittedBy = "submitted_by"
        case submittedAt = "submitted_at"
        case errorCount = "error_count"
        case warningCount = "warning_count"
    }

    /// Every key, `null` where there is no value, so that list rows have one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.id, forKey: .id)
        try container.encode(self.kind, forKey: .kind)
        try container.encode(self.title, forKey: .title)
        try container.encode(self.fiscalYear, forKey: .fiscalYear)
        try container.encode(self.unit, forKey: .unit)
        try container.encode(self.supervisingUnit, forKey: .supervisingUnit)
        try container.encode(self.status, forKey: .status)
        try container.encode(self.revision, forKey: .revision)
        try container.encode(self.version, forKey: .version)
        try container.encode(self.indicatorCount, forKey: .indicatorCount)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.submittedBy, forKey: .submittedBy)
        try container.encode(self.submittedAt, forKey: .submittedAt)
        try container.encode(self.errorCount, forKey: .errorCount)
        try container.encode(self.warningCount, forKey: .warningCount)
    }
}
