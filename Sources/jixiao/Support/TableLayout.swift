import JixiaoCore

/// A target table laid out like the official form: the title, a header block (kind, year,
/// unit, status, revision, version and the kind's header fields), the goals, then the
/// indicator rows as an aligned table.
enum TableLayout {
    /// The whole form as text.
    static func render(_ table: TargetTable, units: [Int64: BudgetUnit], width: Int = 100) -> String {
        var text = table.title + "\n" + String(repeating: "=", count: min(width, max(DisplayWidth.of(table.title), 10))) + "\n"
        var facts = TextTable([TextTable.Column("", maxWidth: 24), TextTable.Column("", maxWidth: width - 26)])
        facts.showsHeader = false
        let unit = units[table.unitID]
        let supervisor = units[table.supervisingUnitID]
        facts.append(["表 id", "\(table.id)"])
        facts.append(["类型 kind", "\(table.kind.rawValue)  \(table.kind.titleFragment)"])
        facts.append(["年度 fiscal year", "\(table.fiscalYear)"])
        facts.append(["单位 unit", unit.map { "\($0.name) (\($0.code))" } ?? "\(table.unitID)"])
        facts.append(["主管部门 supervisor", supervisor.map { "\($0.name) (\($0.code))" } ?? "\(table.supervisingUnitID)"])
        facts.append(["状态 status", "\(table.status.rawValue)  \(table.status.label)"])
        facts.append(["修订 revision", "\(table.revision)"])
        facts.append(["版本 version", "\(table.version)"])
        if let open = table.openReturn { self.appendReturn(open, of: table, to: &facts) }
        for (label, value) in self.headerFields(table.header) { facts.append([label, value]) }
        text += facts.render()
        text += "\n" + (table.kind == .department ? "年度绩效目标" : "总体目标") + "\n"
        if table.goals.isEmpty { text += "  (none)\n" }
        for goal in table.goals {
            for line in DisplayWidth.wrapped(TextTable.clean(TextNormalization.withoutTags(goal)), width: width - 2) { text += "  \(line)\n" }
        }
        text += "\n绩效指标 (\(table.indicators.count))\n"
        let flagged = Set(table.openReturn?.indicatorIDs ?? [])
        text += self.indicatorTable(table.indicators, flagged: flagged).render()
        if table.indicators.contains(where: { flagged.contains($0.id) }) {
            text += "\(Self.flagMark) 退回意见所指的行 (rows the open return is about)\n"
        }
        return text
    }

    /// The mark of a row an open return flags.
    static let flagMark = "*"

    /// The open return's facts: who, when, why, which rows (by position, name and id).
    private static func appendReturn(_ open: OpenReturn, of table: TargetTable, to facts: inout TextTable) {
        facts.append(["退回 returned by", "\(open.returnedBy.label)  \(Time.human(open.returnedAt))"])
        facts.append(["退回理由 reason", open.reason])
        guard !open.indicatorIDs.isEmpty else { return }
        let rows = open.indicatorIDs.map { id in
            guard let indicator = table.indicators.first(where: { $0.id == id }) else { return "id \(id) (deleted)" }
            return "#\(indicator.position) \(indicator.fields.level3) (id \(id))"
        }
        facts.append(["退回指标 flagged rows", rows.joined(separator: "; ")])
    }

    /// The indicator rows: position, id, each content field (`IndicatorContent.Field`, in its
    /// order), and version; with a first column marking the `flagged` rows when there are any.
    static func indicatorTable(_ indicators: [Indicator], flagged: Set<Int64> = []) -> TextTable {
        let fields = IndicatorContent.Field.allCases
        let marks = !flagged.isEmpty && indicators.contains { flagged.contains($0.id) }
        let mark: [TextTable.Column] = marks ? [.init(Self.flagMark)] : []
        let identity: [TextTable.Column] = [.init("#", right: true), .init("id", right: true)]
        let version: [TextTable.Column] = [.init("ver", right: true)]
        var rows = TextTable(mark + identity + fields.map(self.column) + version)
        for indicator in indicators {
            let cells = fields.map { self.cell($0, of: indicator.fields) }
            let markCell = marks ? [flagged.contains(indicator.id) ? Self.flagMark : ""] : []
            rows.append(markCell + ["\(indicator.position)", "\(indicator.id)"] + cells + ["\(indicator.version)"])
        }
        return rows
    }

    /// The column of a content field: a short heading, and a width limit for long texts. A
    /// field without a case here is a free text: headed by its official name, wrapped.
    private static func column(_ field: IndicatorContent.Field) -> TextTable.Column {
        switch field {
        case .level1: .init(field.label, maxWidth: 12)
        case .level2: .init(field.label, maxWidth: 14)
        case .level3: .init(field.label, maxWidth: 24)
        case .comparator: .init("类型")
        case .value: .init(field.label, maxWidth: 16)
        case .unitOfMeasure: .init("单位")
        case .content: .init(field.label, maxWidth: 24)
        case .weight: .init(field.label)
        default: .init(field.label, maxWidth: 16)
        }
    }

    /// The cell of a content field; the free texts (指标值内容, 备注 and any later one) lose their
    /// markup tags.
    private static func cell(_ field: IndicatorContent.Field, of content: IndicatorContent) -> String {
        switch field {
        case .level1, .level2, .level3, .comparator, .value, .unitOfMeasure, .weight: content.text(field)
        default: TextNormalization.withoutTags(content.text(field))
        }
    }

    /// The kind's header fields with their labels on the official form.
    static func headerFields(_ header: TableHeader) -> [(String, String)] {
        func amount(_ value: Amount?) -> String { value?.description ?? "" }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        switch header {
        case .project(let h):
            return [
                ("项目名称", h.projectName), ("项目主管部门", h.supervisingDepartment ?? ""),
                ("项目实施单位", h.implementingUnit ?? ""), ("年度资金总额（万元）", amount(h.fundsTotal)),
                ("  其中：财政资金", amount(h.fiscalFunds)), ("  其他资金", amount(h.otherFunds)),
            ]
        case .transfer(let h):
            return [
                ("专项名称", h.fundName), ("主管单位", h.supervisingUnit ?? ""), ("实施单位", h.implementingUnit ?? ""),
                ("年度资金总额（万元）", amount(h.fundsTotal)), ("  其中：财政资金", amount(h.fiscalFunds)),
                ("  其他资金", amount(h.otherFunds)),
            ]
        case .department(let h):
            return [
                ("联系人", h.contact ?? ""), ("联系电话", h.phone ?? ""), ("依据", h.legalBasis ?? ""),
                ("职能概述", h.functionOverview ?? ""), ("职能重大变化", h.majorChange.map { $0 ? "是" : "否" } ?? ""),
                ("变化内容", h.majorChangeContent ?? ""), ("直属单位", h.subordinateUnits ?? ""),
                ("内设职能部门", h.internalDepartments ?? ""), ("基本制度建设", h.systemBuilding ?? ""),
                ("编制人员数", number(h.staffing.budgeted)), ("实有在职人数", number(h.staffing.actual)),
                ("  行政编制", number(h.staffing.administrative)), ("  事业编制", number(h.staffing.institutional)),
                ("  编外", number(h.staffing.external)),
                ("上年预算批复数（万元）", amount(h.priorYear.approved)), ("  预算调整数", amount(h.priorYear.adjusted)),
                ("  实际支出数", amount(h.priorYear.actualSpent)), ("  执行率", h.priorYear.executionRate ?? ""),
                ("  年末结转结余", amount(h.priorYear.carryover)),
                ("收入：上级财政拨款", amount(h.income.superior)), ("  本级财政安排", amount(h.income.local)),
                ("  其他资金", amount(h.income.other)), ("  收入预算合计", amount(h.income.total)),
                ("支出：人员经费", amount(h.expense.personnel)), ("  公用经费", amount(h.expense.publicFunds)),
                ("  项目经费", amount(h.expense.project)), ("  支出预算合计", amount(h.expense.total)),
            ]
        }
    }

}
