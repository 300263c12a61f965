import JixiaoCore
import JixiaoService

/// `POST /v1/import` (not a dry run): what happened to each table of the document, the units
/// created, and whether anything changed. The same JSON as `jixiao import --json`.
struct ImportResult: Encodable {
    struct Table: Encodable {
        /// `created` or `unchanged` (imported before).
        var action: String
        var id: Int64?
        var title: String
        /// Line of the table's title in the document.
        var line: Int
        /// Number of indicators read.
        var indicators: Int
        var findings: [SeedReport.FindingEntry]
    }

    var tables: [Table]
    var createdUnits: [String]
    var changed: Bool

    enum CodingKeys: String, CodingKey {
        case tables, changed
        case createdUnits = "created_units"
    }

    init(_ outcome: ImportOutcome) {
        let report = outcome.document.report
        self.tables = outcome.tables.enumerated().map { index, table in
            Table(action: table.action.rawValue, id: table.tableID, title: table.parsed.title, line: table.parsed.sourceLine,
                  indicators: table.parsed.indicators.count, findings: report.tables[index].findings)
        }
        self.createdUnits = outcome.createdUnits
        self.changed = outcome.changedSomething
    }
}

/// `POST /v1/import.csv`: the ids of the indicators changed and added, and how many rows
/// were equal to the stored indicators.
struct CSVImportResult: Encodable {
    var changed: [Int64]
    var added: [Int64]
    var unchanged: Int

    init(_ outcome: CSVImportOutcome) {
        self.changed = outcome.changed.map(\.indicator.id)
        self.added = outcome.added.map(\.indicator.id)
        self.unchanged = outcome.unchanged
    }
}
