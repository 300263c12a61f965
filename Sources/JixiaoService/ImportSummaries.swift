import JixiaoCore

/// An import (not a dry run): what happened to each table of the document, the units
/// created, and whether anything changed. The JSON of `POST /v1/import` and `jixiao import --json`.
public struct ImportSummary: Encodable, Sendable {
    public struct Table: Encodable, Sendable {
        /// `created` or `unchanged` (imported before).
        public var action: String
        public var id: Int64?
        public var title: String
        /// Line of the table's title in the document.
        public var line: Int
        /// Number of indicators read.
        public var indicators: Int
        public var findings: [SeedReport.FindingEntry]
    }

    public var tables: [Table]
    public var createdUnits: [String]
    public var changed: Bool

    enum CodingKeys: String, CodingKey {
        case tables, changed
        case createdUnits = "created_units"
    }

    public init(_ outcome: ImportOutcome) {
        let report = outcome.document.report
        self.tables = outcome.tables.enumerated().map { index, table in
            Table(
                action: table.action.rawValue,
                id: table.tableID,
                title: table.parsed.title,
                line: table.parsed.sourceLine,
                indicators: table.parsed.indicators.count,
                findings: report.tables[index].findings
            )
        }
        self.createdUnits = outcome.createdUnits
        self.changed = outcome.changedSomething
    }
}

/// CSV edits applied (`POST /v1/import.csv`, `jixiao import FILE.csv --json`): the ids of the indicators changed and added, and how many rows
/// were equal to the stored indicators.
public struct CSVImportSummary: Encodable, Sendable {
    public var changed: [Int64]
    public var added: [Int64]
    public var unchanged: Int

    public init(_ outcome: CSVImportOutcome) {
        self.changed = outcome.changed.map(\.indicator.id)
        self.added = outcome.added.map(\.indicator.id)
        self.unchanged = outcome.unchanged
    }
}
