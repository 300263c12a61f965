import ArgumentParser
import JixiaoCore
import JixiaoService

/// `jixiao indicator set|add|remove|move`: edit the indicator rows of a draft or returned table.
struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "Change, add, remove and reorder indicators (绩效指标) of a draft or returned table.",
        discussion: """
            Only drafters of the table's unit change content, and only while the table is \
            draft or returned. Every change needs --reason (kept in the audit trail).

            Concurrency: each indicator has a version. Scripts should pass --expect-version \
            (the version they read): if someone changed the indicator since, the change is \
            refused with exit code 3 and the current state. Without it, the command reads \
            the current version first.

            EXAMPLE
              jixiao indicator set 12 57 --value 150 --expect-version 1 --reason "按财政意见修改" --as kang
            """,
        subcommands: [IndicatorSet.self, IndicatorAdd.self, IndicatorRemove.self, IndicatorMove.self]
    )
}

/// The version to write against: `--expect-version`, else the current one (the service's
/// documented `ExpectedVersion.current`).
func indicatorVersion(_ service: JixiaoService, _ caller: Caller, table: Int64, indicator: Int64, expect: Int?) async throws -> Int {
    try await service.version(expect.map(ExpectedVersion.read) ?? .current, caller, tableID: table, indicatorID: indicator)
}

/// Prints one indicator as a one-row table, or as JSON.
func printIndicator(_ indicator: Indicator, verb: String, json: Bool) throws {
    if json { return try Output.json(indicator) }
    Output.line("\(verb) indicator \(indicator.id) (\(indicator.displayName)), now version \(indicator.version):")
    Output.block(TableLayout.indicatorTable([indicator]).render())
}

/// `jixiao indicator set TABLE INDICATOR --value V … --reason TEXT`.
struct IndicatorSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change an indicator's value, unit of measure, comparator or texts.",
        discussion: """
            Scripts should pass --expect-version N (the version they read); without it the \
            current version is read first, so a concurrent change would be overwritten.

            EXAMPLE
              jixiao indicator set 12 57 --value 150 --unit 人 --comparator ">=" --expect-version 2 --reason "按财政意见修改" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var table: Int64

    @Argument(help: "The indicator's id (see `jixiao table show`).")
    var indicator: Int64

    @Option(help: "指标值, as written (e.g. 150, 98.5, 及时).")
    var value: String?

    @Option(help: "度量单位 (%, 人, 万元 …); an empty string clears it.")
    var unit: String?

    @Option(help: ArgumentHelp("指标值类型: ≥ (>=), ≤ (<=), =, >, <, 定性, 定量, or none.", valueName: "comparator"))
    var comparator: String?

    @Option(help: "指标值内容.")
    var content: String?

    @Option(help: "备注.")
    var remark: String?

    @Option(help: "权重 (weight): up to 2 decimals, e.g. 10 or 12.5; an empty string clears it.")
    var weight: String?

    @Option(help: "指标解释 (what the indicator measures and how); an empty string clears it.")
    var explanation: String?

    @Option(name: .customLong("expect-version"), help: "The version you read; a newer one is a conflict (exit 3).")
    var expectVersion: Int?

    @Option(help: "Why, for the audit trail.")
    var reason: String

    /// The change the options ask for (every content field says which option, if any, sets it).
    func change() throws -> IndicatorChange {
        var change = IndicatorChange()
        for field in IndicatorContent.Field.allCases {
            switch field {
            case .level1, .level2, .level3: break  // not options of `set`: the levels place a row, `add` gives them
            case .comparator: change.set(\.comparator, try ComparatorArgument.change(self.comparator))
            case .value: change.set(\.value, self.value)
            case .unitOfMeasure: change.set(\.unitOfMeasure, self.unit)
            case .content: change.set(\.content, self.content)
            case .remark: change.set(\.remark, self.remark)
            case .weight: change.set(\.weight, try WeightArgument.change(self.weight))
            case .explanation: change.set(\.explanation, self.explanation)
            }
        }
        return change
    }

    func validate() throws {
        if try self.change().isEmpty {
            throw ValidationError("nothing to change: give --value, --unit, --comparator, --content, --remark, --weight or --explanation")
        }
    }

    func run() async throws {
        let change = try self.change()
        let updated = try await Session.withCaller(self.global) { service, caller in
            let version = try await indicatorVersion(service, caller, table: self.table, indicator: self.indicator, expect: self.expectVersion)
            return try await service.updateIndicator(
                caller,
                tableID: self.table,
                indicatorID: self.indicator,
                expectVersion: version,
                change,
                reason: self.reason
            )
        }
        try printIndicator(updated, verb: "changed", json: self.global.json)
    }
}

/// `jixiao indicator add TABLE --level1 … --reason TEXT`.
struct IndicatorAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an indicator row (at the end, or at --position).",
        discussion: """
            EXAMPLE
              jixiao indicator add 12 --level1 产出指标 --level2 质量指标 --level3 培训合格率 --comparator ">=" --value 90 --unit % --reason "补充指标" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var table: Int64

    @Option(help: "一级指标, e.g. 产出指标.")
    var level1: String

    @Option(help: "二级指标, e.g. 数量指标.")
    var level2: String = ""

    @Option(help: "三级指标, the indicator's name.")
    var level3: String = ""

    @Option(help: ArgumentHelp("指标值类型: ≥ (>=), ≤ (<=), =, >, <, 定性, 定量, or none.", valueName: "comparator"))
    var comparator: String?

    @Option(help: "指标值, as written.")
    var value: String = ""

    @Option(help: "度量单位.")
    var unit: String = ""

    @Option(help: "指标值内容.")
    var content: String = ""

    @Option(help: "备注.")
    var remark: String = ""

    @Option(help: "权重 (weight), up to 2 decimals.")
    var weight: String?

    @Option(help: "指标解释.")
    var explanation: String = ""

    @Option(help: "1-based position (default: last).")
    var position: Int?

    @Option(help: "Why, for the audit trail.")
    var reason: String

    func validate() throws {
        _ = try ComparatorArgument.change(self.comparator)
        _ = try WeightArgument.change(self.weight)
    }

    /// The new row's content from the options (every content field says which option gives it).
    func newContent() throws -> IndicatorContent {
        var content = IndicatorContent()
        for field in IndicatorContent.Field.allCases {
            switch field {
            case .level1: content.level1 = self.level1
            case .level2: content.level2 = self.level2
            case .level3: content.level3 = self.level3
            case .comparator: content.comparator = try ComparatorArgument.change(self.comparator) ?? nil
            case .value: content.value = self.value
            case .unitOfMeasure: content.unitOfMeasure = self.unit
            case .content: content.content = self.content
            case .remark: content.remark = self.remark
            case .weight: content.weight = try WeightArgument.change(self.weight) ?? nil
            case .explanation: content.explanation = self.explanation
            }
        }
        return content
    }

    func run() async throws {
        let input = IndicatorInput(try self.newContent())
        let added = try await Session.withCaller(self.global) { service, caller in
            try await service.addIndicator(caller, tableID: self.table, input, position: self.position, reason: self.reason)
        }
        try printIndicator(added, verb: "added", json: self.global.json)
    }
}

/// `jixiao indicator remove TABLE INDICATOR --reason TEXT`.
struct IndicatorRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an indicator row; the rows after it move up.",
        discussion: """
            EXAMPLE
              jixiao indicator remove 12 57 --expect-version 3 --reason "重复指标" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var table: Int64

    @Argument(help: "The indicator's id.")
    var indicator: Int64

    @Option(name: .customLong("expect-version"), help: "The version you read; a newer one is a conflict (exit 3).")
    var expectVersion: Int?

    @Option(help: "Why, for the audit trail.")
    var reason: String

    func run() async throws {
        try await Session.withCaller(self.global) { service, caller in
            let version = try await indicatorVersion(service, caller, table: self.table, indicator: self.indicator, expect: self.expectVersion)
            try await service.removeIndicator(caller, tableID: self.table, indicatorID: self.indicator, expectVersion: version, reason: self.reason)
        }
        if self.global.json { return try Output.json(["removed": self.indicator]) }
        Output.line("removed indicator \(self.indicator) from table \(self.table)")
    }
}

/// `jixiao indicator move TABLE INDICATOR --to N --reason TEXT`.
struct IndicatorMove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an indicator row to another position (1-based).",
        discussion: """
            EXAMPLE
              jixiao indicator move 12 57 --to 1 --reason "按官方顺序" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The table's id.")
    var table: Int64

    @Argument(help: "The indicator's id.")
    var indicator: Int64

    @Option(help: "The new 1-based position.")
    var to: Int

    @Option(name: .customLong("expect-version"), help: "The version you read; a newer one is a conflict (exit 3).")
    var expectVersion: Int?

    @Option(help: "Why, for the audit trail.")
    var reason: String

    func run() async throws {
        let rows = try await Session.withCaller(self.global) { service, caller in
            let version = try await indicatorVersion(service, caller, table: self.table, indicator: self.indicator, expect: self.expectVersion)
            return try await service.moveIndicator(
                caller,
                tableID: self.table,
                indicatorID: self.indicator,
                expectVersion: version,
                to: self.to,
                reason: self.reason
            )
        }
        if self.global.json { return try Output.json(rows) }
        Output.line("moved indicator \(self.indicator) to position \(self.to):")
        Output.block(TableLayout.indicatorTable(rows).render())
    }
}
