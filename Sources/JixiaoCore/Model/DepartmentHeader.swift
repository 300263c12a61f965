/// Header of a 部门（单位）整体支出绩效目标表 (DESIGN §1.1). Text is kept as written; nil = empty cell.
public struct DepartmentHeader: Sendable, Hashable, Codable {
    /// 联系人
    public var contact: String?
    /// 联系电话
    public var phone: String?
    /// 依据
    public var legalBasis: String?
    /// 职能概述
    public var functionOverview: String?
    /// 近三年部门（单位）职能是否出现过重大变化 (是/否); nil when not stated.
    public var majorChange: Bool?
    /// 变化内容
    public var majorChangeContent: String?
    /// 直属单位包括
    public var subordinateUnits: String?
    /// 内设职能部门
    public var internalDepartments: String?
    /// 基本制度建设情况 (in the seeds, not in the DESIGN list; kept because the document says it).
    public var systemBuilding: String?
    /// 编制人员数, 实有在职人数, 行政/事业编制, 编外
    public var staffing: Staffing
    /// 上年预算情况
    public var priorYear: PriorYearBudget
    /// 当年收入预算
    public var income: IncomeBudget
    /// 当年支出预算
    public var expense: ExpenseBudget

    /// A header; every field may be left out (nil = empty cell).
    public init(
        contact: String? = nil,
        phone: String? = nil,
        legalBasis: String? = nil,
        functionOverview: String? = nil,
        majorChange: Bool? = nil,
        majorChangeContent: String? = nil,
        subordinateUnits: String? = nil,
        internalDepartments: String? = nil,
        systemBuilding: String? = nil,
        staffing: Staffing = Staffing(),
        priorYear: PriorYearBudget = PriorYearBudget(),
        income: IncomeBudget = IncomeBudget(),
        expense: ExpenseBudget = ExpenseBudget()
    ) {
        self.contact = contact
        self.phone = phone
        self.legalBasis = legalBasis
        self.functionOverview = functionOverview
        self.majorChange = majorChange
        self.majorChangeContent = majorChangeContent
        self.subordinateUnits = subordinateUnits
        self.internalDepartments = internalDepartments
        self.systemBuilding = systemBuilding
        self.staffing = staffing
        self.priorYear = priorYear
        self.income = income
        self.expense = expense
    }

    enum CodingKeys: String, CodingKey {
        case contact, phone, staffing, income, expense
        case legalBasis = "legal_basis"
        case functionOverview = "function_overview"
        case majorChange = "major_change"
        case majorChangeContent = "major_change_content"
        case subordinateUnits = "subordinate_units"
        case internalDepartments = "internal_departments"
        case systemBuilding = "system_building"
        case priorYear = "prior_year"
    }
}
