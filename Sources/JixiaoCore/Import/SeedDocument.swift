/// A source document (`seeds/*.txt`) as read by `SeedParser.parse(_:)`: its tables, the issues
/// outside any table, and what became of every non-blank line.
public struct SeedDocument: Sendable, Hashable {
    /// The tables in document order.
    public var tables: [ParsedTable]
    /// Issues about text outside every table (before the first title).
    public var issues: [ParseIssue]
    /// Every non-blank line and the part it played: nothing is dropped without a trace.
    public var lines: [SeedLine]
    /// Short unit names the document itself equates with full names, e.g. 和政县人社局 →
    /// 和政县人力资源和社会保障局 (a department table's title prefix vs the unit in its header).
    public var unitAliases: [String: String]

    /// A document from its parts.
    public init(tables: [ParsedTable], issues: [ParseIssue] = [], lines: [SeedLine] = [], unitAliases: [String: String] = [:]) {
        self.tables = tables
        self.issues = issues
        self.lines = lines
        self.unitAliases = unitAliases
    }

    /// Every table's findings plus the document-level issues.
    public var allFindings: [SeedFinding] {
        self.issues.map(SeedFinding.parse) + self.tables.flatMap(\.findings)
    }
}

/// One table of a source document, with everything the document states about it.
public struct ParsedTable: Sendable, Hashable {
    /// Department, project or transfer, from the title.
    public var kind: TableKind
    /// The title as written, the year line included, `**` removed: `项目支出绩效目标表(2025年度)`.
    public var title: String
    /// From the title (`（2025年度）`, `2025年`); nil when it states none.
    public var fiscalYear: Int?
    /// The implementing unit (project, transfer) or the department's own unit, with the
    /// document's aliases resolved; nil when the document does not say.
    public var unitName: String?
    /// The supervising department: 项目主管部门/主管单位 for projects and transfers; for a
    /// department table the department whose 直属单位 list (or whose projects) name the unit, else the unit itself.
    public var supervisingUnitName: String?
    /// 年度资金总额 in 万元 (project, transfer); nil for department tables or when not stated.
    public var fundsTotal: Amount?
    /// The header fields as written (names not alias-resolved).
    public var header: TableHeader
    /// 总体目标 / 年度绩效目标, HTML removed, one entry per numbered goal.
    public var goals: [String]
    /// The indicator rows in document order; `position` and the placeholder `id` count from 1, `line` is set.
    public var indicators: [Indicator]
    /// Line of the title.
    public var sourceLine: Int
    /// Last non-blank line read into this table.
    public var lastLine: Int
    /// What the parser could not read, or read with a guess.
    public var issues: [ParseIssue]

    /// A parsed table from its parts.
    public init(
        kind: TableKind,
        title: String,
        fiscalYear: Int?,
        unitName: String?,
        supervisingUnitName: String?,
        fundsTotal: Amount?,
        header: TableHeader,
        goals: [String],
        indicators: [Indicator],
        sourceLine: Int,
        lastLine: Int,
        issues: [ParseIssue]
    ) {
        self.kind = kind
        self.title = title
        self.fiscalYear = fiscalYear
        self.unitName = unitName
        self.supervisingUnitName = supervisingUnitName
        self.fundsTotal = fundsTotal
        self.header = header
        self.goals = goals
        self.indicators = indicators
        self.sourceLine = sourceLine
        self.lastLine = lastLine
        self.issues = issues
    }

    /// The table as the domain knows it, for the validator and the import. Ids are the caller's
    /// (placeholders by default); a missing fiscal year becomes 0.
    public func targetTable(id: Int64 = 0, unitID: Int64 = 0, supervisingUnitID: Int64 = 0) -> TargetTable {
        TargetTable(
            id: id,
            title: self.title,
            fiscalYear: self.fiscalYear ?? 0,
            unitID: unitID,
            supervisingUnitID: supervisingUnitID,
            header: self.header,
            goals: self.goals,
            indicators: self.indicators
        )
    }

    /// `Validator.findings(for:)` of the table.
    public var ruleFindings: [Finding] {
        Validator.findings(for: self.targetTable())
    }

    /// Parse issues first (in line order), then the validator's findings.
    public var findings: [SeedFinding] {
        self.issues.map(SeedFinding.parse) + self.ruleFindings.map(SeedFinding.rule)
    }
}

/// What one non-blank source line became.
public struct SeedLine: Sendable, Hashable {
    /// The part a line played.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// A table title (or its continuation marker 续表).
        case title
        /// The year line under a title, e.g. `（2025年度）`.
        case fiscalYear = "fiscal_year"
        /// Header fields (labels, values, or both).
        case header
        /// Goal text.
        case goal
        /// The 一级指标/二级指标/三级指标 column header.
        case indicatorHeader = "indicator_header"
        /// An indicator row (possibly with a parse issue on the same line).
        case indicator
        /// A caption or page mark (附件2, 第1页) between tables.
        case caption
        /// Not imported; a parse issue on this line says why.
        case reported
    }

    /// 1-based line number.
    public var number: Int
    /// What the line became.
    public var role: Role
    /// Index into `SeedDocument.tables`; nil outside every table.
    public var table: Int?

    /// A line's fate.
    public init(number: Int, role: Role, table: Int?) {
        self.number = number
        self.role = role
        self.table = table
    }
}
