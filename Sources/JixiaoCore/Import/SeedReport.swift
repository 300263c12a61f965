import Foundation

/// The JSON of `jixiao import FILE --dry-run --json` (issue 4):
/// `{"tables":[{"kind","title","fiscal_year","unit","supervising_unit","funds_total","indicators":[…],"findings":[…]}]}`
/// plus `source_line`, `goals`, `header` per table and the document-level `issues`.
/// Absent values are written as `null`, never left out; money is a 万元 string.
public struct SeedReport: Sendable, Hashable, Codable {
    /// One entry per table, in document order.
    public var tables: [Table]
    /// Parse issues outside every table.
    public var issues: [FindingEntry]

    /// The report of `document`.
    public init(_ document: SeedDocument) {
        self.tables = document.tables.map(Table.init)
        self.issues = document.issues.map { FindingEntry(.parse($0)) }
    }

    /// One table.
    public struct Table: Sendable, Hashable, Codable {
        public var kind: TableKind
        public var title: String
        public var fiscalYear: Int?
        /// Implementing unit (project, transfer) or the department's own unit.
        public var unit: String?
        public var supervisingUnit: String?
        /// 年度资金总额 in 万元, e.g. `"64.09"`; null for department tables.
        public var fundsTotal: String?
        public var sourceLine: Int
        public var goals: [String]
        public var header: TableHeader
        public var indicators: [IndicatorEntry]
        public var findings: [FindingEntry]

        /// The entry of `table`, its findings included.
        public init(_ table: ParsedTable) {
            self.kind = table.kind
            self.title = table.title
            self.fiscalYear = table.fiscalYear
            self.unit = table.unitName
            self.supervisingUnit = table.supervisingUnitName
            self.fundsTotal = table.fundsTotal?.description
            self.sourceLine = table.sourceLine
            self.goals = table.goals
            self.header = table.header
            self.indicators = table.indicators.map(IndicatorEntry.init)
            self.findings = table.findings.map(FindingEntry.init)
        }

        enum CodingKeys: String, CodingKey {
            case kind, title, unit, goals, header, indicators, findings
            case fiscalYear = "fiscal_year"
            case supervisingUnit = "supervising_unit"
            case fundsTotal = "funds_total"
            case sourceLine = "source_line"
        }

        /// Every key, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.kind, forKey: .kind)
            try container.encode(self.title, forKey: .title)
            try container.encode(self.fiscalYear, forKey: .fiscalYear)
            try container.encode(self.unit, forKey: .unit)
            try container.encode(self.supervisingUnit, forKey: .supervisingUnit)
            try container.encode(self.fundsTotal, forKey: .fundsTotal)
            try container.encode(self.sourceLine, forKey: .sourceLine)
            try container.encode(self.goals, forKey: .goals)
            try container.encode(self.header, forKey: .header)
            try container.encode(self.indicators, forKey: .indicators)
            try container.encode(self.findings, forKey: .findings)
        }
    }

    /// One indicator row: its content under the API's keys, and its source line.
    @dynamicMemberLookup
    public struct IndicatorEntry: Sendable, Hashable, Codable {
        public var fields: IndicatorContent
        public var line: Int?

        /// The entry of `indicator`.
        public init(_ indicator: Indicator) {
            self.fields = indicator.fields
            self.line = indicator.line
        }

        /// A content field, read as the entry's own.
        public subscript<Value>(dynamicMember keyPath: KeyPath<IndicatorContent, Value>) -> Value {
            self.fields[keyPath: keyPath]
        }

        private static let lineKey = JSONFieldKey("line")

        public init(from decoder: any Decoder) throws {
            self.fields = try IndicatorContent(from: decoder)
            self.line = try decoder.container(keyedBy: JSONFieldKey.self).decodeIfPresent(Int.self, forKey: Self.lineKey)
        }

        /// Every key, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: JSONFieldKey.self)
            try self.fields.encode(to: &container)
            try container.encode(self.line, forKey: Self.lineKey)
        }
    }

    /// One finding or parse issue.
    public struct FindingEntry: Sendable, Hashable, Codable {
        /// A `FindingCode` or `ParseIssue.Code` raw value.
        public var code: String
        public var severity: Severity
        public var message: String
        public var line: Int?

        /// The entry of `finding`.
        public init(_ finding: SeedFinding) {
            self.code = finding.code
            self.severity = finding.severity
            self.message = finding.message
            self.line = finding.line
        }

        enum CodingKeys: String, CodingKey {
            case code, severity, message, line
        }

        /// Every key, `null` included.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.code, forKey: .code)
            try container.encode(self.severity, forKey: .severity)
            try container.encode(self.message, forKey: .message)
            try container.encode(self.line, forKey: .line)
        }
    }

    /// The report as JSON text (UTF-8, keys sorted, `/` unescaped).
    public func json(prettyPrinted: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension SeedDocument {
    /// The import report of this document (see `SeedReport`).
    public var report: SeedReport {
        SeedReport(self)
    }
}
