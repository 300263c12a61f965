import Foundation
import JixiaoCore
import JixiaoService

/// The one valid table of the tests: the seed's project table of the centre (301002 和政县就业服务中心,
/// supervised by 301 和政县人力资源和社会保障局), with four indicators that cover every category.
/// Each front end's encoding of it is built here: the service's `NewTable`, the JSON body of
/// `POST /v1/tables` and the JSON file of `jixiao table create`.
public enum ProjectTableFixture {
    /// The header fields and the goal, as in the seed.
    public static let title = "2024年奖补资金项目支出绩效目标表"
    public static let projectName = "2024年奖补资金"
    public static let supervisingDepartment = "和政县人力资源和社会保障局"
    public static let implementingUnit = "和政县就业服务中心"
    public static let goal = "1. 发放奖补资金，促进就业"

    /// One indicator row as the tests write it; `value: nil` on the first row means "the funds".
    typealias Row = (level1: String, level2: String, level3: String, comparator: String, value: String?, unit: String?)

    /// The four rows: the cost row's value is the project's funds.
    static let rows: [Row] = [
        ("成本指标", "经济成本指标", "奖补资金", "≤", nil, "万元"),
        ("产出指标", "数量指标", "奖补人数", "≥", "140", "人"),
        ("效益指标", "社会效益指标", "就业带动", "定性", "明显", nil),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%"),
    ]

    /// The table for the service, padded with further 产出指标 rows up to `indicatorCount`;
    /// `funds` is the cost row's value (the header's funds stay 140).
    public static func newTable(indicatorCount: Int = 4, funds: String = "140", unit: String = "301002") -> NewTable {
        var indicators = self.rows.map { row in
            IndicatorInput(
                level1: row.level1,
                level2: row.level2,
                level3: row.level3,
                comparator: .init(parsing: row.comparator),
                value: row.value ?? funds,
                unitOfMeasure: row.unit ?? ""
            )
        }
        while indicators.count < indicatorCount {
            indicators.append(
                IndicatorInput(level1: "产出指标", level2: "质量指标", level3: "指标\(indicators.count + 1)", comparator: .gte, value: "95", unitOfMeasure: "%")
            )
        }
        let header = ProjectHeader(
            projectName: self.projectName,
            supervisingDepartment: self.supervisingDepartment,
            implementingUnit: self.implementingUnit,
            fundsTotal: Amount("140"),
            fiscalFunds: Amount("140"),
            otherFunds: nil
        )
        return NewTable(
            title: self.title,
            fiscalYear: 2025,
            unit: unit,
            header: .project(header),
            goals: [self.goal],
            indicators: Array(indicators.prefix(indicatorCount))
        )
    }

    /// The table as the JSON of the API and of `jixiao table create` (keys sorted); `funds` is
    /// the header's funds and the cost row's value. `comparators` spells the four rows'
    /// comparators (the CLI's file uses the other accepted spellings); `reason` is the HTTP body's.
    public static func json(
        title: String = title,
        unit: String = "301002",
        funds: String = "140",
        goals: [String] = [goal],
        comparators: [String]? = nil,
        reason: String? = "填报"
    ) -> String {
        let indicators = zip(self.rows, comparators ?? self.rows.map(\.comparator)).map { row, comparator in
            var object = ["level1": row.level1, "level2": row.level2, "level3": row.level3, "comparator": comparator, "value": row.value ?? funds]
            if let unit = row.unit { object["unit"] = unit }
            return object
        }
        var body: [String: Any] = [
            "title": title,
            "fiscal_year": 2025,
            "unit": unit,
            "header": [
                "kind": "project", "project_name": self.projectName, "supervising_department": self.supervisingDepartment,
                "implementing_unit": self.implementingUnit, "funds_total": funds, "fiscal_funds": funds,
            ],
            "goals": goals,
            "indicators": indicators,
        ]
        if let reason { body["reason"] = reason }
        return JixiaoTestSupport.json(body)
    }
}

/// JSON text of a literal (keys sorted).
public func json(_ value: Any) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
}
