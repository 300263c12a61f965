import Foundation

@testable import JixiaoCore

/// Deterministic ids: `uuid(7)` = 7 (ids are bigint identities, as in the schema).
func uuid(_ number: Int) -> Int64 {
    Int64(number)
}

/// A 万元 literal from the seed; a typo fails the test run loudly.
func wan(_ text: String) -> Amount {
    Amount(text)!
}

/// Units of the seed: the bureau supervises itself and the employment centre.
enum SeedUnits {
    /// 和政县人力资源和社会保障局
    static let bureau = uuid(1001)
    /// 和政县就业服务中心, supervised by the bureau.
    static let centre = uuid(1002)
    /// 和政县社保中心, supervised by the bureau.
    static let pension = uuid(1003)
    /// A bureau of another sector, supervising nothing here.
    static let otherBureau = uuid(1004)
}

/// An indicator row; `position` also seeds its id.
func row(
    _ position: Int,
    _ level1: String,
    _ level2: String,
    _ level3: String,
    _ comparator: IndicatorComparator?,
    _ value: String,
    _ unit: String = "",
    content: String = "",
    line: Int? = nil
) -> Indicator {
    Indicator(
        id: uuid(position),
        position: position,
        level1: level1,
        level2: level2,
        level3: level3,
        comparator: comparator,
        value: value,
        unitOfMeasure: unit,
        content: content,
        line: line
    )
}

/// A project table of the employment centre with the given funds, goals and rows.
func projectTable(
    name: String = "项目",
    total: String? = nil,
    fiscal: String? = nil,
    other: String? = nil,
    goals: [String] = ["目标1：保障。"],
    indicators: [Indicator]
) -> TargetTable {
    let header = ProjectHeader(
        projectName: name,
        supervisingDepartment: "和政县人力资源和社会保障局",
        implementingUnit: "和政县就业服务中心",
        fundsTotal: total.map(wan),
        fiscalFunds: fiscal.map(wan),
        otherFunds: other.map(wan)
    )
    return TargetTable(
        id: uuid(5000),
        title: "项目支出绩效目标表（2025年度）",
        fiscalYear: 2025,
        unitID: SeedUnits.centre,
        supervisingUnitID: SeedUnits.bureau,
        header: .project(header),
        goals: goals,
        indicators: indicators
    )
}

/// Complete categories for a project table, so a test sees only the rule it is about.
func completeCategoryRows(from position: Int) -> [Indicator] {
    [
        row(position, "产出指标", "质量指标", "资金足额拨付率", .gte, "90", "%"),
        row(position + 1, "效益指标", "社会效益指标", "促进劳动力稳定就业", .qualitative, "促进"),
        row(position + 2, "满意度指标", "服务对象满意度指标", "享受补贴资金个人满意度", .gte, "95", "%"),
    ]
}

/// A department table with the given header and otherwise clean content.
func departmentTable(_ header: DepartmentHeader, indicators: [Indicator]? = nil) -> TargetTable {
    TargetTable(
        id: uuid(6000),
        title: "和政县人社局部门（单位）整体支出绩效目标表（2025年度）",
        fiscalYear: 2025,
        unitID: SeedUnits.bureau,
        supervisingUnitID: SeedUnits.bureau,
        header: .department(header),
        goals: ["保障单位正常运转，不断提高服务水平"],
        indicators: indicators ?? [row(1, "基本运行指标", "预算收支管理", "预算执行率", .gte, "98", "%")]
    )
}

/// The bureau's header as in the seed (lines 5–30): every figure adds up.
func bureauHeader() -> DepartmentHeader {
    DepartmentHeader(
        contact: "康亚运",
        phone: "13993018795",
        majorChange: false,
        majorChangeContent: "无",
        staffing: Staffing(budgeted: 25, actual: 29, administrative: 19, institutional: 6, external: 4),
        priorYear: PriorYearBudget(approved: wan("9757.7"), actualSpent: wan("7618.51"), executionRate: "78%"),
        income: IncomeBudget(superior: wan("8892.32"), local: wan("6721.906"), total: wan("15614.226")),
        expense: ExpenseBudget(personnel: wan("1277.11"), publicFunds: wan("90.706"), project: wan("14246.41"), total: wan("15614.226"))
    )
}

/// Codes of `findings`, for compact expectations.
func codes(_ findings: [Finding]) -> [FindingCode] {
    findings.map(\.code)
}
