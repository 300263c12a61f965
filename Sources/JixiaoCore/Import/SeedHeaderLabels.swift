/// A header field of a target table, as labelled in the source documents.
enum HeaderField: Sendable, Hashable {
    // department (部门（单位）整体支出)
    case unitName, contact, phone, legalBasis, functionOverview, majorChange, majorChangeContent
    case subordinateUnits, internalDepartments, systemBuilding
    case staffBudgeted, staffActual, staffAdministrative, staffInstitutional, staffExternal
    case priorApproved, priorAdjusted, priorSpent, priorRate, priorCarryover
    case incomeSuperior, incomeLocal, incomeOther, incomeTotal
    case expensePersonnel, expensePublic, expenseProject, expenseTotal
    // project and transfer
    case name, supervising, implementing, fundsTotal, fiscalFunds, otherFunds
    // all kinds
    case goals
    /// A caption over other labels (上年预算情况（万元）, 项目资金（万元）): no value of its own.
    case group

    /// The label used in messages.
    var label: String {
        switch self {
        case .unitName: return "部门（单位）"
        case .contact: return "联系人"
        case .phone: return "联系电话"
        case .legalBasis: return "依据"
        case .functionOverview: return "职能概述"
        case .majorChange: return "近三年职能是否出现过重大变化"
        case .majorChangeContent: return "变化内容"
        case .subordinateUnits: return "直属单位包括"
        case .internalDepartments: return "内设职能部门"
        case .systemBuilding: return "基本制度建设情况"
        case .staffBudgeted: return "编制人员数"
        case .staffActual: return "实有在职人数"
        case .staffAdministrative: return "行政编制人数"
        case .staffInstitutional: return "事业编制人数"
        case .staffExternal: return "编外人数"
        case .priorApproved: return "预算批复数"
        case .priorAdjusted: return "预算调整数"
        case .priorSpent: return "实际支出数"
        case .priorRate: return "执行率"
        case .priorCarryover: return "年末结转结余"
        case .incomeSuperior: return "上级财政拨款"
        case .incomeLocal: return "本级财政安排"
        case .incomeOther: return "其他资金（收入）"
        case .incomeTotal: return "收入预算合计"
        case .expensePersonnel: return "人员经费"
        case .expensePublic: return "公用经费"
        case .expenseProject: return "项目经费"
        case .expenseTotal: return "支出预算合计"
        case .name: return "项目名称"
        case .supervising: return "主管部门"
        case .implementing: return "实施单位"
        case .fundsTotal: return "年度资金总额"
        case .fiscalFunds: return "财政资金"
        case .otherFunds: return "其他资金"
        case .goals: return "总体目标"
        case .group: return "caption"
        }
    }

    /// Fields whose labels stand in a row of their own with the figures in the row below
    /// (人员编制, 上年预算情况).
    var isColumnField: Bool {
        switch self {
        case .staffBudgeted, .staffActual, .staffAdministrative, .staffInstitutional, .staffExternal,
            .priorApproved, .priorAdjusted, .priorSpent, .priorRate, .priorCarryover:
            return true
        default:
            return false
        }
    }
}

/// Which cell text labels which header field, per table kind. Matching uses `SeedText.key`
/// (no whitespace, ASCII brackets and colons, 其中 dropped), so `其中: 财政资金` and
/// `部门（单位） 职能` match; a label cut short (`预算批`, `年末结转结`) matches the one label it begins.
enum HeaderLabels {
    private struct Rule: Sendable {
        let field: HeaderField
        let exact: [String]
        let matches: (@Sendable (String) -> Bool)?

        init(_ field: HeaderField, _ exact: [String], matches: (@Sendable (String) -> Bool)? = nil) {
            self.field = field
            self.exact = exact
            self.matches = matches
        }
    }

    private static let goalLabels = [
        "总体目标", "年度总体目标", "年度目标", "年度绩效目标", "绩效目标", "项目总体目标", "项目绩效目标",
        "部门(单位)年度绩效目标", "整体绩效目标", "区域绩效目标", "年度区域绩效目标",
    ]

    private static let departmentRules: [Rule] = [
        Rule(.unitName, ["部门(单位)", "部门(单位)名称", "单位名称", "部门名称"]),
        Rule(.contact, ["联系人"]),
        Rule(.phone, ["联系电话", "电话"]),
        Rule(.legalBasis, ["依据", "职能依据"]),
        Rule(.functionOverview, ["职能概述", "职能简述"]),
        Rule(.majorChange, [], matches: { $0.contains("是否") && $0.contains("重大变化") }),
        Rule(.majorChangeContent, ["变化内容"]),
        Rule(.subordinateUnits, ["直属单位包括", "直属单位"]),
        Rule(.internalDepartments, ["内设职能部门", "内设机构"]),
        Rule(.systemBuilding, ["基本制度建设情况"], matches: { $0.hasSuffix("基本制度建设情况") }),
        Rule(.staffBudgeted, ["编制人员数", "编制人数", "核定编制人数", "核定编制数"]),
        Rule(.staffActual, ["实有在职人数", "实有人数", "在职人数"]),
        Rule(.staffAdministrative, ["行政编制人数", "行政编制"]),
        Rule(.staffInstitutional, ["事业编制人数", "事业编制"]),
        Rule(.staffExternal, ["编外人数", "编外", "编外人员"]),
        Rule(.priorApproved, ["预算批复数"]),
        Rule(.priorAdjusted, ["预算调整数"]),
        Rule(.priorSpent, ["实际支出数"]),
        Rule(.priorRate, ["执行率", "预算执行率"]),
        Rule(.priorCarryover, ["年末结转结余", "结转结余"]),
        Rule(.incomeSuperior, ["上级财政拨款"]),
        Rule(.incomeLocal, ["本级财政安排"]),
        Rule(.incomeOther, ["其他资金", "其他收入"]),
        Rule(.incomeTotal, ["收入预算合计"]),
        Rule(.expensePersonnel, ["人员经费"]),
        Rule(.expensePublic, ["公用经费"]),
        Rule(.expenseProject, ["项目经费"]),
        Rule(.expenseTotal, ["支出预算合计"]),
        Rule(.goals, goalLabels),
        Rule(
            .group,
            ["部门(单位)职能", "部门(单位)基本信息", "基本信息", "人员编制", "绩效指标"],
            matches: { key in
                key.hasPrefix("上年预算情况") || key.hasPrefix("当年预算构成") || key.hasPrefix("当年预算情况")
                    || (key.count <= 12 && (key.hasSuffix("收入预算") || key.hasSuffix("支出预算")))
            }
        ),
    ]

    private static let projectRules: [Rule] = [
        Rule(.name, ["项目名称"]),
        Rule(.supervising, ["项目主管部门", "主管部门", "项目主管单位", "主管单位", "主管部门(单位)"]),
        Rule(.implementing, ["项目实施单位", "实施单位"]),
        Rule(.fundsTotal, ["年度资金总额", "资金总额", "项目资金总额"]),
        Rule(.fiscalFunds, ["财政资金", "财政拨款"]),
        Rule(.otherFunds, ["其他资金"]),
        Rule(.goals, goalLabels),
        Rule(
            .group,
            ["绩效指标"],
            matches: { key in
                key.hasPrefix("项目资金") || key.hasPrefix("资金情况") || key.hasPrefix("年度资金情况")
            }
        ),
    ]

    private static let transferRules: [Rule] =
        [
            Rule(.name, ["专项(项目)名称", "专项名称", "专项资金名称", "资金名称", "转移支付名称", "项目名称"])
        ] + projectRules.filter { $0.field != .name }

    private static func rules(for kind: TableKind) -> [Rule] {
        switch kind {
        case .department: return self.departmentRules
        case .project: return self.projectRules
        case .transfer: return self.transferRules
        }
    }

    private static let exactByKind: [TableKind: [String: HeaderField]] = Dictionary(
        uniqueKeysWithValues: TableKind.allCases.map { kind in
            var table: [String: HeaderField] = [:]
            for rule in HeaderLabels.rules(for: kind) {
                for label in rule.exact where table[label] == nil { table[label] = rule.field }
            }
            return (kind, table)
        }
    )

    /// The longest exact label: longer cells are labels only through a pattern rule.
    private static let longestLabel = exactByKind.values.flatMap(\.keys).map(\.unicodeScalars.count).max() ?? 0

    /// The field `cell` labels in a table of `kind`, or nil for a value.
    static func field(_ cell: String, kind: TableKind) -> HeaderField? {
        let key = SeedText.key(cell)
        guard !key.isEmpty else { return nil }
        let exact = self.exactByKind[kind] ?? [:]
        if let field = exact[key] { return field }
        let rules = self.rules(for: kind)
        if let rule = rules.first(where: { $0.matches?(key) == true }) { return rule.field }
        // A label cut short by the extraction: the one field some label begins with.
        let length = key.unicodeScalars.count
        guard length >= 3, length < self.longestLabel else { return nil }
        var found: HeaderField?
        for (label, field) in exact where label.unicodeScalars.count > length && label.hasPrefix(key) {
            if let found, found != field { return nil }
            found = field
        }
        return found
    }

    /// True for a goal label (总体目标, 年度绩效目标 …), given a cell's `SeedText.key`.
    static func isGoalLabel(key: String) -> Bool {
        self.goalLabelSet.contains(key)
    }

    private static let goalLabelSet = Set(goalLabels)

    /// `label：value` written in one cell, e.g. `年度资金总额：64.09`; nil unless the part before the colon is a label.
    static func inlineField(_ cell: String, kind: TableKind) -> (HeaderField, String)? {
        guard let colon = cell.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let value = TextNormalization.trimmed(String(cell[cell.index(after: colon)...]))
        let key = SeedText.key(String(cell[..<colon]))
        guard !value.isEmpty, let rule = self.rules(for: kind).first(where: { $0.exact.contains(key) }), rule.field != .group else {
            return nil
        }
        return (rule.field, value)
    }

    /// True for a label that starts a table's header (项目名称, 部门（单位）, 联系人 …), given a cell's
    /// `SeedText.key`: such a row in an indicator list means a table title is missing above it.
    static func startsHeader(key: String) -> Bool {
        self.starters.contains(key) || key.hasPrefix("上年预算情况") || key.hasPrefix("当年预算构成")
            || key.hasPrefix("项目资金(万元)") || key.hasPrefix("资金情况(万元)")
    }

    private static let starters: Set<String> = [
        "项目名称", "专项(项目)名称", "专项名称", "项目主管部门", "项目实施单位", "部门(单位)", "单位名称", "联系人",
        "联系电话", "年度资金总额", "职能概述", "直属单位包括", "内设职能部门", "编制人员数", "预算批复数",
    ]
}
