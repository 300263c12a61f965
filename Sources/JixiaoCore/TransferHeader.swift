/// Header of a 专项转移支付区域绩效目标表 (DESIGN §1.1). Amounts in 万元.
public struct TransferHeader: Sendable, Hashable, Codable {
    /// 专项（项目）名称
    public var fundName: String
    /// 项目主管单位 as written.
    public var supervisingUnit: String?
    /// 实施单位 as written.
    public var implementingUnit: String?
    /// 年度资金总额
    public var fundsTotal: Amount?
    /// 其中: 财政资金, when the table states it.
    public var fiscalFunds: Amount?
    /// 其他资金, when the table states it.
    public var otherFunds: Amount?

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
        self.fundsTotal = fundsTotal
        self.fiscalFunds = fiscalFunds
        self.otherFunds = otherFunds
    }

    enum CodingKeys: String, CodingKey {
        case fundName = "fund_name"
        case supervisingUnit = "supervising_unit"
        case implementingUnit = "implementing_unit"
        case fundsTotal = "funds_total"
        case fiscalFunds = "fiscal_funds"
        case otherFunds = "other_funds"
    }
}
