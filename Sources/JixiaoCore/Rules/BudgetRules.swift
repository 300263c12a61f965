/// Department-table header rules: budget-income-sum, budget-expense-sum, budget-balance,
/// execution-rate, staffing-sum.
enum BudgetRules {
    /// Tolerance of the execution-rate check: 0.5 percentage points, in units of 1e-6.
    static let executionRateTolerance: Int64 = 500_000

    static func findings(for header: DepartmentHeader) -> [Finding] {
        var findings: [Finding] = []
        let income = header.income
        let expense = header.expense

        if let text = SumCheck.mismatch(parts: [income.superior, income.local, income.other], total: income.total, totalLabel: "收入预算合计") {
            findings.append(Finding(.budgetIncomeSum, "income parts \(text)"))
        }
        if let text = SumCheck.mismatch(parts: [expense.personnel, expense.publicFunds, expense.project], total: expense.total, totalLabel: "支出预算合计")
        {
            findings.append(Finding(.budgetExpenseSum, "expenditure parts \(text)"))
        }
        if let incomeTotal = income.total, let expenseTotal = expense.total, incomeTotal != expenseTotal {
            findings.append(Finding(.budgetBalance, "收入预算合计 \(incomeTotal) ≠ 支出预算合计 \(expenseTotal)"))
        }
        if let finding = self.executionRate(header.priorYear) {
            findings.append(finding)
        }
        let staffing = header.staffing
        if let text = SumCheck.mismatch(
            parts: [staffing.administrative, staffing.institutional, staffing.external],
            total: staffing.actual,
            totalLabel: "实有在职人数"
        ) {
            findings.append(Finding(.staffingSum, "行政 + 事业 + 编外 staffing \(text)"))
        }
        return findings
    }

    /// Compares the stated 执行率 with 实际支出数 / 预算批复数, computed exactly to 1e-6 points.
    static func executionRate(_ prior: PriorYearBudget) -> Finding? {
        guard let stated = prior.executionRate, !TextNormalization.isBlank(stated),
            let approved = prior.approved, approved > .zero, let spent = prior.actualSpent
        else { return nil }
        var number = TextNormalization.trimmed(stated)
        if number.hasSuffix("%") || number.hasSuffix("％") { number.removeLast() }
        guard let statedRate = FixedDecimal(number) else {
            return Finding(.executionRate, "执行率 '\(stated)' is not a percentage")
        }
        let computed = WideInt(spent.fen, times: 100 * FixedDecimal.unitsPerOne).divided(by: approved.fen)
        let text = "执行率 stated \(stated), but 实际支出数 \(spent) / 预算批复数 \(approved)"
        guard let computed else {
            return Finding(.executionRate, "\(text) is far larger")
        }
        let (difference, overflow) = statedRate.units.subtractingReportingOverflow(computed)
        guard overflow || difference.magnitude > UInt64(self.executionRateTolerance) else { return nil }
        return Finding(.executionRate, "\(text) = \(DecimalText.format(computed, roundedTo: 2))%")
    }
}
