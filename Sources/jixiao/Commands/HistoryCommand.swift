import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoHTTP
import JixiaoService

/// `jixiao history (--table ID | --indicator ID | --actor LOGIN | --all) [--since] [--until]`.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the audit trail of a table, an indicator or a user, newest first.",
        discussion: """
            A table's or an indicator's history: anyone who may read the table. A user's \
            (--actor) or everything (--all): auditor, finance or admin. --since is inclusive, \
            --until exclusive.

            EXAMPLE
              jixiao history --table 12 --as auditor
              jixiao history --indicator 57 --since 2025-03-01 --as kang
              jixiao history --actor kang --since 2025-01-01 --until 2025-07-01 --as auditor --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "A table's id.")
    var table: Int64?

    @Option(help: "An indicator's id.")
    var indicator: Int64?

    @Option(help: ArgumentHelp("A user's login: what they changed.", valueName: "login"))
    var actor: String?

    @Flag(help: "Everything (within --since/--until).")
    var all = false

    @Option(help: ArgumentHelp("From this time on.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Before this time.", valueName: "time"))
    var until: String?

    @Option(help: "At most this many entries.")
    var limit: Int = 1000

    func validate() throws {
        let chosen = [self.table != nil, self.indicator != nil, self.actor != nil, self.all].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("give one of --table ID, --indicator ID, --actor LOGIN or --all") }
        guard self.limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let query: HistoryQuery
        if let table = self.table {
            query = .table(table)
        } else if let indicator = self.indicator {
            query = .indicator(indicator)
        } else if let actor = self.actor {
            query = .actor(actor)
        } else {
            query = .all
        }
        let since = try Time.option(self.since, name: "--since")
        let until = try Time.option(self.until, name: "--until")
        let entries = try await Session.withCaller(self.global) { service, caller in
            try await service.history(caller, query, since: since, until: until, limit: self.limit).map(HistoryEntry.init)
        }
        if self.global.json { return try Output.json(entries) }
        if entries.isEmpty { return Output.line("no changes recorded") }
        var table = TextTable([
            .init("time"), .init("table", right: true), .init("seq", right: true), .init("what"),
            .init("actor"), .init("status"), .init("rev", right: true), .init("change", maxWidth: 50),
            .init("reason", maxWidth: 30),
        ])
        for entry in entries {
            table.append([
                Time.human(entry.changedAt), "\(entry.tableID)", "\(entry.seq)", Self.what(entry), entry.actor,
                entry.tableStatus ?? "", entry.tableRevision.map(String.init) ?? "", Self.change(entry), entry.reason ?? "",
            ])
        }
        Output.block(table.render())
    }

    /// `indicator 57 update`, `table insert`, `workflow`.
    static func what(_ entry: HistoryEntry) -> String {
        if entry.entity == "workflow" { return "workflow" }
        return [entry.entity, entry.indicatorID.map(String.init), entry.op].compactMap { $0 }.joined(separator: " ")
    }

    /// What changed, for people: fields old → new (the API's field names), the workflow
    /// step, or the row added/removed.
    static func change(_ entry: HistoryEntry) -> String {
        switch (entry.op, entry.oldValues, entry.newValues) {
        case (_, _, .workflow(let event)?): return "\(event.action.rawValue): \(event.fromStatus.rawValue) → \(event.toStatus.rawValue)"
        case ("update", let old, let new): return RowImage.changes(entry.changedFields ?? [], RowImage(old), RowImage(new))
        case ("insert", _, .indicator(let indicator)?): return "added " + Self.summary(indicator)
        case ("insert", _, .table(let table)?): return "created " + table.title
        case ("delete", .indicator(let indicator)?, _): return "removed " + Self.summary(indicator)
        case ("delete", _, _): return "deleted"
        default: return entry.op
        }
    }

    /// An indicator in short: `三级指标 ≥ 140 人`.
    static func summary(_ indicator: Indicator) -> String {
        [indicator.level3, indicator.comparator?.rawValue ?? "", indicator.value + indicator.unitOfMeasure].filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

extension RowImage {
    /// A typed row image's fields as the API writes them.
    init?(_ image: AuditImage?) {
        guard let image, let data = try? JSONCoding.encoder().encode(image) else { return nil }
        self.init(String(decoding: data, as: UTF8.self))
    }
}
