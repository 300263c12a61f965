import JixiaoCore

/// The content of a new indicator row.
public struct IndicatorInput: Sendable, Hashable {
    public var level1: String
    public var level2: String
    public var level3: String
    public var comparator: JixiaoCore.Comparator?
    public var value: String
    public var unitOfMeasure: String
    public var content: String
    public var remark: String
    /// Source line in an imported document.
    public var line: Int?

    public init(
        level1: String,
        level2: String,
        level3: String,
        comparator: JixiaoCore.Comparator?,
        value: String,
        unitOfMeasure: String = "",
        content: String = "",
        remark: String = "",
        line: Int? = nil
    ) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.comparator = comparator
        self.value = value
        self.unitOfMeasure = unitOfMeasure
        self.content = content
        self.remark = remark
        self.line = line
    }

    /// The same content as an existing indicator.
    public init(_ indicator: Indicator) {
        self.init(
            level1: indicator.level1,
            level2: indicator.level2,
            level3: indicator.level3,
            comparator: indicator.comparator,
            value: indicator.value,
            unitOfMeasure: indicator.unitOfMeasure,
            content: indicator.content,
            remark: indicator.remark,
            line: indicator.line
        )
    }
}

/// A change to some fields of an indicator; `nil` leaves a field as it is. `comparator` set to
/// `.some(nil)` clears it.
public struct IndicatorChange: Sendable, Hashable {
    public var level1: String?
    public var level2: String?
    public var level3: String?
    public var comparator: JixiaoCore.Comparator??
    public var value: String?
    public var unitOfMeasure: String?
    public var content: String?
    public var remark: String?

    public init(
        level1: String? = nil,
        level2: String? = nil,
        level3: String? = nil,
        comparator: JixiaoCore.Comparator?? = nil,
        value: String? = nil,
        unitOfMeasure: String? = nil,
        content: String? = nil,
        remark: String? = nil
    ) {
        self.level1 = level1
        self.level2 = level2
        self.level3 = level3
        self.comparator = comparator
        self.value = value
        self.unitOfMeasure = unitOfMeasure
        self.content = content
        self.remark = remark
    }

    /// Whether the change touches nothing.
    public var isEmpty: Bool {
        self.level1 == nil && self.level2 == nil && self.level3 == nil && self.comparator == nil && self.value == nil
            && self.unitOfMeasure == nil && self.content == nil && self.remark == nil
    }

    func applied(to indicator: Indicator) -> Indicator {
        var result = indicator
        if let level1 { result.level1 = level1 }
        if let level2 { result.level2 = level2 }
        if let level3 { result.level3 = level3 }
        if let comparator { result.comparator = comparator }
        if let value { result.value = value }
        if let unitOfMeasure { result.unitOfMeasure = unitOfMeasure }
        if let content { result.content = content }
        if let remark { result.remark = remark }
        return result
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

    public init(fiscalYear: Int? = nil, unit: String? = nil, status: TableStatus? = nil, kind: TableKind? = nil) {
        self.fiscalYear = fiscalYear
        self.unit = unit
        self.status = status
        self.kind = kind
    }
}

/// A table as listed: the header facts without indicators.
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

    enum CodingKeys: String, CodingKey {
        case id, kind, title, unit, status, revision, version
        case fiscalYear = "fiscal_year"
        case supervisingUnit = "supervising_unit"
        case indicatorCount = "indicator_count"
    }
}
