import ArgumentParser
import JixiaoCore
import JixiaoService

/// What every workflow step takes: the table, a reason, the indicators it is about, and
/// optionally the table version the caller read.
struct TransitionOptions: ParsableArguments {
    @Argument(help: "The table's id.")
    var table: Int64

    @Option(help: "Why (required to return; kept in the audit trail).")
    var reason: String?

    @Option(
        name: .customLong("indicator"),
        parsing: .upToNextOption,
        help: ArgumentHelp("Ids of the indicators the reason is about (repeatable).", valueName: "id")
    )
    var indicators: [Int64] = []

    @Option(name: .customLong("expect-version"), help: "The table version you read; a newer one is a conflict (exit 3).")
    var expectVersion: Int?
}

/// Runs one workflow step and prints the table's new state.
func transition(
    _ action: WorkflowAction,
    table: Int64,
    reason: String?,
    indicators: [Int64],
    expectVersion: Int?,
    global: GlobalOptions
) async throws {
    let (result, units) = try await Session.withCaller(global) { service, caller in
        let result = try await service.transition(
            caller,
            tableID: table,
            action: action,
            reason: reason,
            indicatorIDs: indicators,
            expectVersion: expectVersion
        )
        return (result, global.json ? try await Session.unitNames(service, caller) : [:])
    }
    if global.json { return try Output.json(TableJSON(result, units: units)) }
    Output.line(
        "\(action.rawValue): table \(result.id) \(result.title) is now \(result.status.rawValue) (\(result.status.label)), "
            + "revision \(result.revision), version \(result.version)"
    )
}

/// `jixiao submit TABLE`.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit a draft or returned table for review (drafter of its unit).",
        discussion: """
            Refused (exit 1) while the table has error-level findings: see `jixiao table findings`.

            EXAMPLE
              jixiao submit 12 --as kang
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: TransitionOptions

    func run() async throws {
        try await transition(
            .submit,
            table: self.options.table,
            reason: self.options.reason,
            indicators: self.options.indicators,
            expectVersion: self.options.expectVersion,
            global: self.global
        )
    }
}

/// `jixiao withdraw TABLE`.
struct WithdrawCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw",
        abstract: "Take a submitted table back to draft before the supervisor acts (drafter).",
        discussion: """
            EXAMPLE
              jixiao withdraw 12 --reason "补充材料" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: TransitionOptions

    func run() async throws {
        try await transition(
            .withdraw,
            table: self.options.table,
            reason: self.options.reason,
            indicators: self.options.indicators,
            expectVersion: self.options.expectVersion,
            global: self.global
        )
    }
}

/// `jixiao return TABLE --reason TEXT [--indicator ID…]`.
struct ReturnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "return",
        abstract: "Send a table back to its unit with a reason (supervisor or finance).",
        discussion: """
            EXAMPLE
              jixiao return 12 --reason "人数与资金不符" --indicator 57 58 --as li
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: TransitionOptions

    func run() async throws {
        try await transition(
            .return,
            table: self.options.table,
            reason: self.options.reason,
            indicators: self.options.indicators,
            expectVersion: self.options.expectVersion,
            global: self.global
        )
    }
}

/// `jixiao adjust TABLE --reason TEXT`.
struct AdjustCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjust",
        abstract: "Reopen an approved table as a new revision (调整; drafter of its unit).",
        discussion: """
            The approved revision stays readable exactly as approved (`jixiao table show ID --revision N`).

            EXAMPLE
              jixiao adjust 12 --reason "年中调整" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var options: TransitionOptions

    func run() async throws {
        try await transition(
            .adjust,
            table: self.options.table,
            reason: self.options.reason,
            indicators: self.options.indicators,
            expectVersion: self.options.expectVersion,
            global: self.global
        )
    }
}
