import ArgumentParser
import Foundation
import JixiaoCore
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
            try await service.history(caller, query, since: since, until: until, limit: self.limit)
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
    static func what(_ entry: AuditEntry) -> String {
        if entry.entity == "workflow" { return "workflow" }
        return [entry.entity, entry.indicatorID.map(String.init), entry.op].compactMap { $0 }.joined(separator: " ")
    }

    /// What changed, for people: fields old → new, the workflow step, or the row added/removed.
    static func change(_ entry: AuditEntry) -> String {
        let old = RowImage(entry.oldValues)
        let new = RowImage(entry.newValues)
        if entry.entity == "workflow", let new {
            return "\(new.text("action")): \(new.text("from_status")) → \(new.text("to_status"))"
        }
        switch entry.op {
        case "update": return RowImage.changes(entry.changedFields ?? [], old, new)
        case "insert": return entry.entity == "indicator" ? "added " + (new?.summary ?? "") : "created " + (new?.text("title") ?? "")
        case "delete": return entry.entity == "indicator" ? "removed " + (old?.summary ?? "") : "deleted"
        default: return entry.op
        }
    }
}
