/// Header of a 项目支出绩效目标表 (DESIGN §1.1). Names are kept as written; amounts in 万元.
@dynamicMemberLookup
public struct ProjectHeader: Sendable, Hashable, Codable {
    /// 项目名称
    public var projectName: String
    /// 项目主管部门 as written.
    public var supervisingDepartment: String?
    /// 项目实施单位 as written.
    public var implementingUnit: String?
    /// 年度资金总额 and its parts (`header.fundsTotal` reads through).
    public var funds: HeaderFunds

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
        self.funds = HeaderFunds(fundsTotal: fundsTotal, fiscalFunds: fiscalFunds, otherFunds: otherFunds)
    }

    /// A funds amount, read and written as the header's own.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HeaderFunds, Value>) -> Value {
        get { self.funds[keyPath: keyPath] }
        set { self.funds[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case projectName = "project_name"
        case supervisingDepartment = "supervising_department"
        case implementingUnit = "implementing_unit"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.projectName = try container.decode(String.self, forKey: .projectName)
        self.supervisingDepartment = try container.decodeIfPresent(String.self, forKey: .supervisingDepartment)
        self.implementingUnit = try container.decodeIfPresent(String.self, forKey: .implementingUnit)
        self.funds = try HeaderFunds(from: decoder)
    }

    /// The header's own keys and the funds' in one object; empty ones are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.projectName, forKey: .projectName)
        try container.encodeIfPresent(self.supervisingDepartment, forKey: .supervisingDepartment)
        try container.encodeIfPresent(self.implementingUnit, forKey: .implementingUnit)
        try self.funds.encode(to: encoder)
    }
}
