import ArgumentParser
import Foundation

/// The `jixiao` command: the admin tool of Jixiao. Parses the command line, runs the
/// subcommand, and turns every error into one sentence on stderr and a documented exit code.
@main
struct Jixiao: AsyncParsableCommand {
    /// Printed by `--version`.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "Jixiao (绩效): budget performance target tables — the admin tool.",
        discussion: """
            Every command calls the Jixiao service: the same rules as the HTTP API, one \
            transaction per change, every change recorded in the audit trail under the user \
            named by --as (or JIXIAO_AS).

            The database is --database-url, else JIXIAO_DATABASE_URL, else the private local \
            cluster (Deploy/local-postgres.sh url, default \(GlobalOptions.localClusterURL)).

            A YEAR'S CYCLE
              jixiao db init --admin admin --unit-code 000 --unit-name 和政县财政局
              jixiao unit add 301 和政县人力资源和社会保障局 --as admin
              jixiao unit add 301002 和政县就业服务中心 --parent 301 --as admin
              jixiao user add kang --unit 301002 --role drafter --as admin
              jixiao table create table.json --as kang
              jixiao table show 1 --as kang
              jixiao indicator set 1 2 --value 150 --reason "按财政意见修改" --as kang
              jixiao submit 1 --as kang
              jixiao approve 1 --as supervisor
              jixiao approve --all-pending --as finance
              jixiao history --table 1 --as auditor
              jixiao audit verify --as auditor

            Human output is aligned for Chinese text; add --json for scripts.

            \(ExitCodes.documentation)
            """,
        version: Jixiao.version,
        subcommands: [
            DbCommand.self, UnitCommand.self, UserCommand.self, TokenCommand.self,
            TableCommand.self, IndicatorCommand.self,
            SubmitCommand.self, WithdrawCommand.self, ApproveCommand.self, ReturnCommand.self, AdjustCommand.self,
            HistoryCommand.self, AuditCommand.self, ImportCommand.self, ExportCommand.self, ServeCommand.self,
        ]
    )

    /// Runs the command line and exits with the documented code (never a crash on bad input).
    static func main() async {
        let code = await self.execute(Array(CommandLine.arguments.dropFirst()))
        Foundation.exit(code)
    }

    /// Parses and runs `arguments`; returns the exit code.
    static func execute(_ arguments: [String]) async -> Int32 {
        do {
            var command = try self.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitCodes.ok
        } catch {
            return self.handle(error)
        }
    }

    /// Reports `error` on stderr (help and version on stdout) and returns its exit code.
    static func handle(_ error: any Error) -> Int32 {
        Output.endProgress()
        if let report = ExitCodes.report(for: error) {
            Output.error("jixiao: error: \(report.message)")
            for detail in report.details { Output.error("  \(detail)") }
            return report.code
        }
        if let exitCode = error as? ExitCode { return exitCode.rawValue }
        let code = self.exitCode(for: error)
        let message = self.fullMessage(for: error)
        if code.isSuccess {
            Output.line(message)
            return ExitCodes.ok
        }
        Output.error(message)
        return code == .validationFailure ? ExitCodes.usage : code.rawValue
    }
}
