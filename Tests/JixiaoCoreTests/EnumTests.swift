import Testing

@testable import JixiaoCore

@Suite("Stable enums")
struct EnumTests {
    @Test("raw values used by SQL and JSON")
    func rawValues() {
        #expect(TableKind.allCases.map(\.rawValue) == ["department", "project", "transfer"])
        #expect(TableStatus.allCases.map(\.rawValue) == ["draft", "submitted", "supervisor_approved", "approved", "returned"])
        #expect(Role.allCases.map(\.rawValue) == ["drafter", "supervisor", "finance", "auditor", "admin"])
        #expect(WorkflowAction.allCases.map(\.rawValue) == ["submit", "withdraw", "approve", "return", "adjust"])
        #expect(WorkflowRefusal.Code.allCases.map(\.rawValue) == ["wrong-state", "not-permitted", "four-eyes", "reason-required", "has-errors"])
        #expect(Severity.allCases.map(\.rawValue) == ["error", "warning"])
    }

    @Test("the finding catalogue is exactly DESIGN §1.6")
    func findingCodes() {
        #expect(
            FindingCode.allCases.map(\.rawValue) == [
                "value-not-numeric", "unit-missing", "percent-out-of-range", "comparator-conflict",
                "budget-income-sum", "budget-expense-sum", "budget-balance", "execution-rate", "staffing-sum",
                "funds-sum", "cost-mismatch", "quantity-cost-product", "missing-category", "unknown-category",
                "duplicate-indicator", "missing-goal", "weights-incomplete",
            ]
        )
        let warnings = FindingCode.allCases.filter { $0.defaultSeverity == .warning }.map(\.rawValue)
        #expect(
            warnings == [
                "unit-missing", "percent-out-of-range", "comparator-conflict", "execution-rate",
                "staffing-sum", "quantity-cost-product", "unknown-category", "duplicate-indicator", "weights-incomplete",
            ]
        )
    }

    @Test("title fragments of each kind")
    func titles() {
        #expect(TableKind.department.titleFragment == "部门（单位）整体支出绩效目标表")
        #expect(TableKind.project.titleFragment == "项目支出绩效目标表")
        #expect(TableKind.transfer.titleFragment == "专项转移支付区域绩效目标表")
    }

    @Test(
        "detects the kind from seed titles",
        arguments: [
            ("**和政县人社局部门（单位）整体支出绩效目标表", TableKind.department as TableKind?),
            ("和政县劳务工作办公室整体支出绩效目标表", .department),
            ("项目支出绩效目标表", .project),
            ("省级对地方专项转移支付区域绩效目标表（中央财政普惠金融发展专项资金）", .transfer),
            ("附件2", nil),
        ]
    )
    func detects(title: String, kind: TableKind?) {
        #expect(TableKind.detect(inTitle: title) == kind)
    }

    @Test("parses role lists")
    func roles() throws {
        #expect(try Role.parseList("drafter,supervisor") == [.drafter, .supervisor])
        #expect(try Role.parseList(" Finance ， auditor;admin ,") == [.finance, .auditor, .admin])
        #expect(throws: RoleParseError.unknownRole("reviewer")) { try Role.parseList("drafter,reviewer") }
        #expect(throws: RoleParseError.empty) { try Role.parseList(" , ") }
        #expect(Role.formatList([.admin, .drafter, .finance]) == "drafter,finance,admin")
        #expect(RoleParseError.unknownRole("x").description.contains("drafter, supervisor, finance, auditor, admin"))
    }

    @Test("only draft and returned allow content changes")
    func editableStates() {
        #expect(TableStatus.allCases.filter(\.allowsContentChanges) == [.draft, .returned])
    }
}

@Suite("Error codes: one list")
struct ErrorCodeTests {
    @Test("the refusal codes of permissions and workflow are the same strings in the one list")
    func subsets() {
        for code in PermissionRefusal.Code.allCases { #expect(code.errorCode.rawValue == code.rawValue) }
        for code in WorkflowRefusal.Code.allCases { #expect(code.errorCode.rawValue == code.rawValue) }
        for code in PasswordRefusal.Code.allCases { #expect(code.errorCode.rawValue == code.rawValue) }
        #expect(MissingReason.code == .reasonRequired)
    }

    @Test("codes are unique kebab-case and print as clients see them")
    func shape() {
        let raws = ErrorCode.allCases.map(\.rawValue)
        #expect(Set(raws).count == raws.count)
        for code in ErrorCode.allCases {
            #expect(code.rawValue.allSatisfy { $0 == "-" || ("a"..."z").contains($0) }, "\(code.rawValue)")
            #expect("\(code)" == code.rawValue)
        }
    }
}
