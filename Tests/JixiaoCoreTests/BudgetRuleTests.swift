import Testing

@testable import JixiaoCore

private func findings(_ code: FindingCode, _ header: DepartmentHeader) -> [Finding] {
    Validator.findings(for: departmentTable(header)).filter { $0.code == code }
}

@Suite("Rules on department budgets")
struct BudgetRuleTests {
    @Test("the bureau's seed header adds up: no budget findings")
    func seedHeaderClean() {
        let budgetCodes: Set<FindingCode> = [.budgetIncomeSum, .budgetExpenseSum, .budgetBalance, .executionRate, .staffingSum]
        #expect(Validator.findings(for: departmentTable(bureauHeader())).filter { budgetCodes.contains($0.code) }.isEmpty)
    }

    @Test("budget-income-sum: parts ≠ 收入预算合计")
    func incomeSum() throws {
        var header = bureauHeader()
        header.income.total = wan("15614.2")
        let finding = try #require(findings(.budgetIncomeSum, header).first)
        #expect(finding.severity == .error)
        #expect(finding.message == "income parts 8892.32 + 6721.906 = 15614.226 ≠ 收入预算合计 15614.2")
    }

    @Test("budget-income-sum: no parts, or no total, means nothing to check")
    func incomeSumNegative() {
        var header = bureauHeader()
        header.income = IncomeBudget(total: wan("15614.226"))
        #expect(findings(.budgetIncomeSum, header).isEmpty)
        header.income = IncomeBudget(superior: wan("1"))
        #expect(findings(.budgetIncomeSum, header).isEmpty)
    }

    @Test("budget-expense-sum: 157.56 + 9.576 + 0 ≠ 161.16 (劳务工作办公室 seed)")
    func expenseSum() throws {
        var header = bureauHeader()
        header.income = IncomeBudget(superior: wan("0"), local: wan("161.16"), other: wan("0"), total: wan("161.16"))
        header.expense = ExpenseBudget(personnel: wan("157.56"), publicFunds: wan("9.576"), project: wan("0"), total: wan("161.16"))
        let finding = try #require(findings(.budgetExpenseSum, header).first)
        #expect(finding.severity == .error)
        #expect(finding.message == "expenditure parts 157.56 + 9.576 + 0 = 167.136 ≠ 支出预算合计 161.16")
    }

    @Test("budget-expense-sum: 256.4 + 15.96 + 9602.2 = 9874.56 (就业服务中心 seed)")
    func expenseSumNegative() {
        var header = bureauHeader()
        header.expense = ExpenseBudget(personnel: wan("256.4"), publicFunds: wan("15.96"), project: wan("9602.2"), total: wan("9874.56"))
        #expect(findings(.budgetExpenseSum, header).isEmpty)
    }

    @Test("budget-balance: 收入预算合计 ≠ 支出预算合计")
    func balance() throws {
        var header = bureauHeader()
        header.expense = ExpenseBudget(personnel: wan("256.4"), publicFunds: wan("15.96"), project: wan("9602.2"), total: wan("9874.56"))
        let finding = try #require(findings(.budgetBalance, header).first)
        #expect(finding.severity == .error)
        #expect(finding.message == "收入预算合计 15614.226 ≠ 支出预算合计 9874.56")
    }

    @Test("budget-balance: equal totals, or a missing one, pass")
    func balanceNegative() {
        var header = bureauHeader()
        #expect(findings(.budgetBalance, header).isEmpty)
        header.expense.total = nil
        #expect(findings(.budgetBalance, header).isEmpty)
    }

    @Test("execution-rate: stated 100% against 7618.51 / 9757.7")
    func executionRate() throws {
        var header = bureauHeader()
        header.priorYear.executionRate = "100%"
        let finding = try #require(findings(.executionRate, header).first)
        #expect(finding.severity == .warning)
        #expect(finding.message == "执行率 stated 100%, but 实际支出数 7618.51 / 预算批复数 9757.7 = 78.08%")
    }

    @Test(
        "execution-rate: within 0.5 points passes (78% vs 78.08%; 100% vs 7547.363101 / 7547.36)",
        arguments: [
            ("9757.7", "7618.51", "78%"), ("7547.36", "7547.363101", "100%"), ("100", "78.5", "78"), ("100", "77.5", "78％"),
        ]
    )
    func executionRateNegative(approved: String, spent: String, stated: String) {
        var header = bureauHeader()
        header.priorYear = PriorYearBudget(approved: wan(approved), actualSpent: wan(spent), executionRate: stated)
        #expect(findings(.executionRate, header).isEmpty)
    }

    @Test("execution-rate: just over 0.5 points, and an unreadable rate, are reported", arguments: ["78.500001%", "约78%"])
    func executionRateEdge(stated: String) {
        var header = bureauHeader()
        header.priorYear = PriorYearBudget(approved: wan("100"), actualSpent: wan("78"), executionRate: stated)
        #expect(findings(.executionRate, header).count == 1)
    }

    @Test("staffing-sum: 行政 + 事业 + 编外 ≠ 实有在职人数")
    func staffing() throws {
        var header = bureauHeader()
        header.staffing.actual = 30
        let finding = try #require(findings(.staffingSum, header).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("19 + 6 + 4 = 29 ≠ 实有在职人数 30"))
    }

    @Test("staffing-sum: 12 + 3 + 0 = 15 (就业服务中心 seed) passes")
    func staffingNegative() {
        var header = bureauHeader()
        header.staffing = Staffing(budgeted: 12, actual: 15, administrative: 12, institutional: 3, external: 0)
        #expect(findings(.staffingSum, header).isEmpty)
    }
}
