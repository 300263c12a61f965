/// Header of a 项目支出绩效目标表 (DESIGN §1.1). Names are kept as written; amounts in 万元.
public struct ProjectHeader: Sendable, Hashable, Codable {
    /// 项目名称
    public var projectName: String
    /// 项目主管部门 as written.
    public var supervisingDepartment: String?
    /// 项目实施单位 as written.
    public var implementingUnit: String?
    /// 年度资金总额
    public var fundsTotal: Amount?
    /// 其中: 财政资金
    public var fiscalFunds: Amount?
    /// 其他资金
    public var otherFunds: Amount?

    /// A header; only the project name is required.
    public init(
        projectName: String,
        supervisingDepartment: String? = nil,
        implementingUnit: String? = nil,
        fundsTotal: Amount? = nil,
        fiscalFunds: Amount? = nil,
        otherFunds: Amount? = nil
    ) {
        self.projectName = projectName
        self.supervisingDepartment = supervisingDepartment
        self.implementingUnit = implementingUnit
        self.fundsTotal = fundsTotal
        self.fiscalFunds = fiscalFunds
        self.otherFunds = otherFunds
    }

    enum CodingKeys: String, CodingKey {
        case projectName = "project_name"
        case supervisingDepartment = "supervising_department"
        case implementingUnit = "implementing_unit"
        case fundsTotal = "funds_total"
        case fiscalFunds = "fiscal_funds"
        case otherFunds = "other_funds"
    }
}
