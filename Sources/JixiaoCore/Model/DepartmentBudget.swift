/// 人员编制: staffing figures of a department table. Nil where the source cell is empty.
public struct Staffing: Sendable, Hashable, Codable {
    /// 编制人员数
    public var budgeted: Int?
    /// 实有在职人数
    public var actual: Int?
    /// 行政编制人数
    public var administrative: Int?
    /// 事业编制人数
    public var institutional: Int?
    /// 编外人数
    public var external: Int?

    /// Staffing figures; omit those the table leaves empty.
    public init(budgeted: Int? = nil, actual: Int? = nil, administrative: Int? = nil, institutional: Int? = nil, external: Int? = nil) {
        self.budgeted = budgeted
        self.actual = actual
        self.administrative = administrative
        self.institutional = institutional
        self.external = external
    }
}

/// 上年预算情况（万元）: last year's budget and its execution.
public struct PriorYearBudget: Sendable, Hashable, Codable {
    /// 预算批复数
    public var approved: Amount?
    /// 预算调整数
    public var adjusted: Amount?
    /// 实际支出数
    public var actualSpent: Amount?
    /// 执行率 as written, e.g. `"78%"`; checked against 实际支出数 / 预算批复数.
    public var executionRate: String?
    /// 年末结转结余
    public var carryover: Amount?

    /// Last year's figures; omit those the table leaves empty.
    public init(approved: Amount? = nil, adjusted: Amount? = nil, actualSpent: Amount? = nil, executionRate: String? = nil, carryover: Amount? = nil)
    {
        self.approved = approved
        self.adjusted = adjusted
        self.actualSpent = actualSpent
        self.executionRate = executionRate
        self.carryover = carryover
    }

    enum CodingKeys: String, CodingKey {
        case approved, adjusted, carryover
        case actualSpent = "actual_spent"
        case executionRate = "execution_rate"
    }
}

/// 部门（单位）收入预算（万元）: this year's income.
public struct IncomeBudget: Sendable, Hashable, Codable {
    /// 上级财政拨款
    public var superior: Amount?
    /// 本级财政安排
    public var local: Amount?
    /// 其他资金
    public var other: Amount?
    /// 收入预算合计
    public var total: Amount?

    /// Income figures in 万元; omit those the table leaves empty.
    public init(superior: Amount? = nil, local: Amount? = nil, other: Amount? = nil, total: Amount? = nil) {
        self.superior = superior
        self.local = local
        self.other = other
        self.total = total
    }
}

/// 部门（单位）支出预算（万元）: this year's expenditure.
public struct ExpenseBudget: Sendable, Hashable, Codable {
    /// 人员经费
    public var personnel: Amount?
    /// 公用经费
    public var publicFunds: Amount?
    /// 项目经费
    public var project: Amount?
    /// 支出预算合计
    public var total: Amount?

    /// Expenditure figures in 万元; omit those the table leaves empty.
    public init(personnel: Amount? = nil, publicFunds: Amount? = nil, project: Amount? = nil, total: Amount? = nil) {
        self.personnel = personnel
        self.publicFunds = publicFunds
        self.project = project
        self.total = total
    }

    enum CodingKeys: String, CodingKey {
        case personnel, project, total
        case publicFunds = "public_funds"
    }
}
