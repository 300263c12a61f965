import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao table list|show|findings|diff|create`.
struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "List, show, check and compare target tables (绩效目标表).",
        discussion: """
            EXAMPLE
              jixiao table list --year 2025 --status submitted --as li
              jixiao table show 12 --as kang
              jixiao table show 12 --revision 1 --as auditor
            """,
        subcommands: [TableList.self, TableShow.self, TableFindings.self, TableDiff.self, TableCreate.self]
    )
}

/// `jixiao table list [--year] [--unit] [--status] [--kind] [--waiting]`.
struct TableList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tables you may read, by year, unit and title, with their findings counts.",
        discussion: """
            Each row: unit, project or fund name (项目名称/专项名称), kind, status, who submitted \
            it last and when, error and warning counts (as `table findings` lists them), \
            revision. --waiting keeps the tables waiting for your step: a drafter's draft and \
            returned tables of its unit, a supervisor's submitted tables its unit supervises, \
            finance's supervisor_approved tables.

            EXAMPLE
              jixiao table list --year 2025 --as finance
              jixiao table list --waiting --as li
              jixiao table list --unit 301002 --status draft --kind project --as kang --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Fiscal year, e.g. 2025.")
    var year: Int?

    @Option(help: ArgumentHelp("Code or name of the unit.", valueName: "code"))
    var unit: String?

    @Option(help: "Workflow status.")
    var status: TableStatus?

    @Option(help: "Table kind.")
    var kind: TableKind?

    @Flag(help: "Only the tables waiting for your step (待我处理).")
    var waiting = false

    func run() async throws {
        let filter = TableFilter(fiscalYear: self.year, unit: self.unit, status: self.status, kind: self.kind, waitingForMe: self.waiting)
        let tables = try await Session.withCaller(self.global) { service, caller in try await service.listTables(caller, filter: filter) }
        if self.global.json { return try Output.json(tables) }
        var table = TextTable([
            .init("id", right: true), .init("year"), .init("unit", maxWidth: 20), .init("name", maxWidth: 28), .init("kind"),
            .init("status"), .init("submitted", maxWidth: 36), .init("err", right: true), .init("warn", right: true),
            .init("rev", right: true), .init("ver", right: true), .init("rows", right: true),
        ])
        for summary in tables {
            let submitted = summary.submittedBy.map { person in
                [person.label, summary.submittedAt.map(Time.human) ?? ""].joined(separator: " ")
            }
            table.append([
                "\(summary.id)", "\(summary.fiscalYear)", summary.unit, summary.name ?? summary.title, summary.kind.rawValue,
                summary.status.rawValue, submitted ?? "", "\(summary.errorCount)", "\(summary.warningCount)", "\(summary.revision)",
                "\(summary.version)", "\(summary.indicatorCount)",
            ])
        }
        Output.block(table.render())
        Output.line("\(tables.count) table(s)")
    }
}

/// `jixiao table show ID [--as-of TIME | --revision N]`.
struct TableShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a table laid out like the official form: header block, goals, indicator rows.",
        discussion: """
            --revision N shows the table as it was at the end of revision N (an approved \
            revision exactly as approved); --as-of TIME as it was at that moment, rebuilt \
            from the audit trail.

            EXAMPLE
              jixiao table show 12 --as kang
              jixiao table show 12 --revision 1 --as auditor
              jixiao table show 12 --as-of "2025-03-01 16:00" --as auditor --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var id: Int64

    @Option(name: .customLong("as-of"), help: ArgumentHelp("A past moment: 2025-03-01, \"2025-03-01 16:15\" or ISO 8601.", valueName: "time"))
    var asOf: String?

    @Option(help: "A revision number (1, 2 …).")
    var revision: Int?

    func validate() throws {
        if self.asOf != nil, self.revision != nil { throw ValidationError("give --as-of or --revision, not both") }
    }

    func run() async throws {
        let time = try Time.option(self.asOf, name: "--as-of")
        let (table, units) = try await Session.withCaller(self.global) { service, caller in
            let table: TargetTable
            if let time {
                table = try await service.table(caller, id: self.id, asOf: time)
            } else if let revision = self.revision {
                table = try await service.table(caller, id: self.id, revision: revision)
            } else {
                table = try await service.table(caller, id: self.id)
            }
            return (table, try await Session.unitNames(service, caller))
        }
        if self.global.json { return try Output.json(TableJSON(table, units: units)) }
        Output.block(TableLayout.render(table, units: units))
    }
}
