/// The catalogue of validation rules (DESIGN §1.6). Codes are stable: part of the product.
public enum FindingCode: String, Sendable, Hashable, Codable, CaseIterable {
    /// A comparator that needs a number (≥ ≤ = > <; 定量 as a warning) with a non-numeric value.
    case valueNotNumeric = "value-not-numeric"
    /// A numeric target with no unit of measure.
    case unitMissing = "unit-missing"
    /// A % target below 0 or above 100.
    case percentOutOfRange = "percent-out-of-range"
    /// The content text names a different comparator than the indicator's.
    case comparatorConflict = "comparator-conflict"
    /// Income parts ≠ 收入预算合计.
    case budgetIncomeSum = "budget-income-sum"
    /// Expenditure parts ≠ 支出预算合计.
    case budgetExpenseSum = "budget-expense-sum"
    /// 收入预算合计 ≠ 支出预算合计.
    case budgetBalance = "budget-balance"
    /// Stated 执行率 differs from 实际支出数 / 预算批复数 by more than 0.5 points.
    case executionRate = "execution-rate"
    /// 行政 + 事业 + 编外 ≠ 实有在职人数.
    case staffingSum = "staffing-sum"
    /// 财政资金 + 其他资金 ≠ 年度资金总额.
    case fundsSum = "funds-sum"
    /// A 经济成本 indicator in 万元 ≠ the table's funds total.
    case costMismatch = "cost-mismatch"
    /// A count × a per-head standard (元/人, 万元/人) exceeds the funds total.
    case quantityCostProduct = "quantity-cost-product"
    /// A project/transfer table lacks 产出指标, 效益指标 or 满意度指标.
    case missingCategory = "missing-category"
    /// A level-1 name outside the known set for the table kind.
    case unknownCategory = "unknown-category"
    /// The same level1/level2/level3 twice.
    case duplicateIndicator = "duplicate-indicator"
    /// No overall/annual goal text.
    case missingGoal = "missing-goal"
    /// Some indicators have a 权重 and others none; the message gives the sum of those given.
    case weightsIncomplete = "weights-incomplete"

    /// The severity the rule reports; `value-not-numeric` is lowered to a warning for 定量.
    public var defaultSeverity: Severity {
        switch self {
        case .unitMissing, .percentOutOfRange, .comparatorConflict, .executionRate, .staffingSum,
            .quantityCostProduct, .unknownCategory, .duplicateIndicator, .weightsIncomplete:
            return .warning
        case .valueNotNumeric, .budgetIncomeSum, .budgetExpenseSum, .budgetBalance, .fundsSum,
            .costMismatch, .missingCategory, .missingGoal:
            return .error
        }
    }
}
