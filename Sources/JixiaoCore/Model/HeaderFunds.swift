/// The funds part that project and transfer headers share (DESIGN §1.1), amounts in 万元:
/// written once here, flattened into the header's JSON (`funds_total`, `fiscal_funds`,
/// `other_funds`, each left out when empty).
public struct HeaderFunds: Sendable, Hashable, Codable {
    /// 年度资金总额
    public var fundsTotal: Amount?
    /// 其中: 财政资金
    public var fiscalFunds: Amount?
    /// 其他资金
    public var otherFunds: Amount?

    /// Funds; every amount may be left out.
    public init(fundsTotal: Amount? = nil, fiscalFunds: Amount? = nil, otherFunds: Amount? = nil) {
        self.fundsTotal = fundsTotal
        self.fiscalFunds = fiscalFunds
        self.otherFunds = otherFunds
    }

    enum CodingKeys: String, CodingKey {
        case fundsTotal = "funds_total"
        case fiscalFunds = "fiscal_funds"
        case otherFunds = "other_funds"
    }
}
