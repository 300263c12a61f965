/// Project/transfer rules on money: funds-sum, cost-mismatch, quantity-cost-product.
enum FundsRules {
    static func findings(for table: TargetTable) -> [Finding] {
        guard let funds = table.header.funds else { return [] }
        var findings: [Finding] = []
        if let text = SumCheck.mismatch(parts: [funds.fiscalFunds, funds.otherFunds], total: funds.fundsTotal, totalLabel: "年度资金总额") {
            findings.append(Finding(.fundsSum, "财政资金 + 其他资金 \(text)"))
        }
        if let total = funds.fundsTotal {
            let indicators = table.indicators.filter { $0.comparator != .qualitative }
            findings += self.costMismatch(indicators, total: total)
            findings += self.quantityCostProduct(indicators, total: total)
        }
        return findings
    }

    /// 经济成本 indicators in 万元 must state the funds total; several are compared by their sum.
    static func costMismatch(_ indicators: [Indicator], total: Amount) -> [Finding] {
        let costs = indicators.compactMap { indicator -> (Indicator, FixedDecimal)? in
            guard TextNormalization.withoutWhitespace(indicator.level2).contains("经济成本"),
                MeasureUnit.isWanyuan(indicator.unitOfMeasure),
                let value = indicator.numericValue
            else { return nil }
            return (indicator, value)
        }
        guard let first = costs.first else { return [] }
        if costs.count == 1 {
            guard first.1 != total.decimal else { return [] }
            return [
                Finding(
                    .costMismatch,
                    "'\(first.0.displayName)' \(first.1) 万元 ≠ 年度资金总额 \(total) 万元",
                    at: first.0
                )
            ]
        }
        let terms = costs.map { "'\($0.0.displayName)' \($0.1)" }.joined(separator: " + ")
        guard let sum = try? FixedDecimal.sum(costs.map(\.1)) else {
            return [Finding(.costMismatch, "经济成本 \(terms) exceeds the supported range", at: first.0)]
        }
        guard sum != total.decimal else { return [] }
        return [Finding(.costMismatch, "经济成本 \(terms) = \(sum) 万元 ≠ 年度资金总额 \(total) 万元", at: first.0)]
    }

    /// A count (人, 场 …) times a standard per that count (元/人, 万元/人) must not exceed the funds.
    static func quantityCostProduct(_ indicators: [Indicator], total: Amount) -> [Finding] {
        var findings: [Finding] = []
        for standard in indicators {
            guard let perHead = MeasureUnit.perHead(standard.unitOfMeasure),
                let rate = standard.numericValue, rate > .zero
            else { continue }
            for count in indicators {
                guard MeasureUnit.countUnit(count.unitOfMeasure) == perHead.per,
                    let heads = count.numericValue, heads > .zero
                else { continue }
                // count × rate has scale 1e-12; 元 → 万元 divides by 1e4. Compare exactly in 128 bits.
                let product = WideInt(heads.units, times: rate.units)
                let scale: Int64 = perHead.inYuan ? 10_000_000_000 : 1_000_000
                guard product > WideInt(total.fen, times: scale) else { continue }
                let productText = product.divided(by: scale).map { DecimalText.format($0, allDecimals: false) } ?? "more than the supported range"
                findings.append(
                    Finding(
                        .quantityCostProduct,
                        "'\(count.displayName)' \(heads) \(perHead.per) × '\(standard.displayName)' \(rate) \(MeasureUnit.normalized(standard.unitOfMeasure)) = \(productText) 万元 > 年度资金总额 \(total) 万元",
                        at: standard
                    )
                )
            }
        }
        return findings
    }
}
