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
        if self.global.json {
            // The audit rows as stored (the API's history body): scripts rely on its keys.
            let entries = try await Session.withCaller(self.global) { service, caller in
                try await service.history(caller, query, since: since, until: until, limit: self.limit).map(HistoryEntry.init)
            }
            return try Output.json(entries)
        }
        let steps = try await Session.withCaller(self.global) { service, caller in
            try await service.readableHistory(caller, query, since: since, until: until, limit: self.limit)
        }
        if steps.isEmpty { return Output.line("no changes recorded") }
        var table = TextTable([
            .init("time"), .init("table", right: true), .init("seq", right: true), .init("what", maxWidth: 30),
            .init("who", maxWidth: 20), .init("status"), .init("rev", right: true), .init("change", maxWidth: 60),
            .init("reason", maxWidth: 30),
        ])
        for step in steps {
            let status = [step.fromStatus, step.toStatus].compactMap { $0 }.joined(separator: " → ")
            table.append([
                Time.human(step.at), "\(step.tableID)", "\(step.seq)", Self.what(step), step.actorLabel, status,
                step.revision.map(String.init) ?? "", Self.change(step), step.reason ?? "",
            ])
        }
        Output.block(table.render())
    }

    /// `return`, `header update`, `#2 奖补人数 (id 57) update`.
    static func what(_ step: HistoryStep) -> String {
        switch step.entity {
        case "workflow": return step.action
        case "indicator":
            let name = [step.indicatorPosition.map { "#\($0)" }, step.indicatorName].compactMap { $0 }.joined(separator: " ")
            return "\(name) (id \(step.indicatorID.map(String.init) ?? "?")) \(step.action)"
        default: return "header \(step.action)"
        }
    }

    /// What changed, for people: fields old → new (the API's names), a row added or removed
    /// in short; for a return, the rows it names.
    static func change(_ step: HistoryStep) -> String {
        var parts: [String]
        switch (step.entity, step.action) {
        case ("workflow", _): parts = []
        // A row added or removed, in short: its values in the form's order.
        case (_, "insert"): parts = ["added " + step.changes.compactMap(\.new).joined(separator: " ")]
        case (_, "delete"): parts = ["removed " + step.changes.compactMap(\.old).joined(separator: " ")]
        default: parts = step.changes.map(\.description)
        }
        if !step.indicatorIDs.isEmpty { parts.append("indicators " + step.indicatorIDs.map(String.init).joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
