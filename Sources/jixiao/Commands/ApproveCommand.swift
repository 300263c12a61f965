import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao approve TABLE` or `jixiao approve --all-pending [--unit …]`.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a table at your step: supervisor first, then finance.",
        discussion: """
            Nobody approves a step of a table they submitted (four eyes). --all-pending approves \
            every table waiting for your step, each in its own transaction, and reports each \
            result; one refusal does not stop the rest (the exit code is then that of the first \
            refusal).

            EXAMPLE
              jixiao approve 12 --as li
              jixiao approve --all-pending --unit 301002 --as finance
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id (or use --all-pending).")
    var table: Int64?

    @Flag(name: .customLong("all-pending"), help: "Approve every table waiting for your step.")
    var allPending = false

    @Option(help: ArgumentHelp("With --all-pending: only this unit's tables (code or name).", valueName: "code"))
    var unit: String?

    @Option(help: "A remark kept in the audit trail.")
    var reason: String?

    @Option(name: .customLong("expect-version"), help: "The table version you read; a newer one is a conflict (exit 3).")
    var expectVersion: Int?

    func validate() throws {
        if self.allPending == (self.table != nil) { throw ValidationError("give a table id or --all-pending (one of them)") }
        if self.unit != nil, !self.allPending { throw ValidationError("--unit goes with --all-pending") }
        if self.expectVersion != nil, self.allPending { throw ValidationError("--expect-version goes with a single table") }
    }

    func run() async throws {
        if let table = self.table {
            return try await transition(
                .approve,
                table: table,
                reason: self.reason,
                indicators: [],
                expectVersion: self.expectVersion,
                global: self.global
            )
        }
        let results = try await Session.withCaller(self.global) { service, caller in
            try await service.approveAllPending(caller, unit: self.unit) { done, total in
                Output.progress("approving \(done)/\(total)…")
            }
        }
        Output.endProgress()
        if self.global.json {
            try Output.json(results.map(BatchJSON.init))
        } else {
            self.printHuman(results)
        }
        if let failure = results.lazy.compactMap({ if case .failure(let error) = $0.result { error } else { nil } }).first {
            throw ExitCode(ExitCodes.code(for: failure.kind))
        }
    }

    private func printHuman(_ results: [BatchResult]) {
        if results.isEmpty { return Output.line("no table is waiting for your approval") }
        var table = TextTable([.init("id", right: true), .init("title", maxWidth: 40), .init("result"), .init("detail", maxWidth: 60)])
        for result in results {
            switch result.result {
            case .success(let approved):
                table.append(["\(result.tableID)", result.title, "approved", "now \(approved.status.rawValue) (\(approved.status.label))"])
            case .failure(let error):
                table.append(["\(result.tableID)", result.title, "refused", error.message])
            }
        }
        Output.block(table.render())
        let approved = results.filter { if case .success = $0.result { true } else { false } }.count
        Output.line("\(approved) of \(results.count) table(s) approved")
    }

    /// One batch result in `--json`.
    struct BatchJSON: Encodable {
        var id: Int64
        var title: String
        var ok: Bool
        var status: TableStatus?
        var error: ErrorJSON?

        init(_ result: BatchResult) {
            self.id = result.tableID
            self.title = result.title
            switch result.result {
            case .success(let table):
                self.ok = true
                self.status = table.status
            case .failure(let error):
                self.ok = false
                self.error = ErrorJSON(code: error.code, message: error.message)
            }
        }
    }

    /// An error as the HTTP API writes it.
    struct ErrorJSON: Encodable {
        var code: ErrorCode
        var message: String
    }
}
