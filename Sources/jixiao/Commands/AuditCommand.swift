import ArgumentParser
import JixiaoHTTP
import JixiaoService

/// `jixiao audit verify`: recompute the audit trail's hash chains.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the tamper-evident audit trail.",
        discussion: """
            EXAMPLE
              jixiao audit verify --as auditor
            """,
        subcommands: [AuditVerify.self]
    )
}

/// `jixiao audit verify [--table ID]`.
struct AuditVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute every hash chain (or one table's) and name the first broken row (auditor, admin).",
        discussion: """
            Exit code 0 when every chain is intact, 1 when one is broken.

            EXAMPLE
              jixiao audit verify --as auditor
              jixiao audit verify --table 12 --as auditor --json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Only this table's chain.")
    var table: Int64?

    func run() async throws {
        Output.progress("verifying the audit chains…")
        let problems = try await Session.withCaller(self.global) { service, caller in
            try await service.verifyAudit(caller, tableID: self.table)
        }
        Output.endProgress()
        if self.global.json {
            try Output.json(AuditVerification(problems: problems))
        } else if problems.isEmpty {
            Output.line(self.table.map { "the audit chain of table \($0) is intact" } ?? "every audit chain is intact")
        } else {
            var table = TextTable([.init("table", right: true), .init("first bad seq", right: true), .init("reason", maxWidth: 80)])
            for problem in problems { table.append(["\(problem.tableID)", problem.seq.map(String.init) ?? "", problem.reason]) }
            Output.block(table.render())
        }
        if !problems.isEmpty {
            throw CLIError.invalid("the audit trail is broken in \(problems.count) chain(s)")
        }
    }
}
