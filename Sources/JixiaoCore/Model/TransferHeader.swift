/// Header of a 专项转移支付区域绩效目标表 (DESIGN §1.1). Amounts in 万元.
@dynamicMemberLookup
public struct TransferHeader: Sendable, Hashable, Codable {
    /// 专项（项目）名称
    public var fundName: String
    /// 项目主管单位 as written.
    public var supervisingUnit: String?
    /// 实施单位 as written.
    public var implementingUnit: String?
    /// 年度资金总额 and its parts (`header.fundsTotal` reads through).
    public var funds: HeaderFunds

    /// A header; only the fund name is required.
    public init(
        fundName: String,
        supervisingUnit: String? = nil,
        implementingUnit: String? = nil,
        fundsTotal: Amount? = nil,
        fiscalFunds: Amount? = nil,
        otherFunds: Amount? = nil
    ) {
        self.fundName = fundName
        self.supervisingUnit = supervisingUnit
        self.implementingUnit = implementingUnit
        self.funds = HeaderFunds(fundsTotal: fundsTotal, fiscalFunds: fiscalFunds, otherFunds: otherFunds)
    }

    /// A funds amount, read and written as the header's own.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<HeaderFunds, Value>) -> Value {
        get { self.funds[keyPath: keyPath] }
        set { self.funds[keyPath: keyPath] = newValue }
    }

    enum CodingKeys: String, CodingKey {
        case fundName = "fund_name"
        case supervisingUnit = "supervising_unit"
        case implementingUnit = "implementing_unit"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.fundName = try container.decode(String.self, forKey: .fundName)
        self.supervisingUnit = try container.decodeIfPresent(String.self, forKey: .supervisingUnit)
        self.implementingUnit = try container.decodeIfPresent(String.self, forKey: .implementingUnit)
        self.funds = try HeaderFunds(from: decoder)
    }

    /// The header's own keys and the funds' in one object; empty ones are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.fundName, forKey: .fundName)
        try container.encodeIfPresent(self.supervisingUnit, forKey: .supervisingUnit)
        try container.encodeIfPresent(self.implementingUnit, forKey: .implementingUnit)
        try self.funds.encode(to: encoder)
    }
}
