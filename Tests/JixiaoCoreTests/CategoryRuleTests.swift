import Testing

@testable import JixiaoCore

private func only(_ code: FindingCode, _ table: TargetTable) -> [Finding] {
    Validator.findings(for: table).filter { $0.code == code }
}

@Suite("Rules on structure")
struct CategoryRuleTests {
    @Test("missing-category: 三支一扶 has no 效益指标 (its rows say 社会效益指标)")
    func missingCategory() throws {
        let findings = only(.missingCategory, SeedProjects.sanzhiyifu)
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .error)
        #expect(finding.message.hasPrefix("no 效益指标 indicators"))
    }

    @Test("missing-category: each absent category is reported; department tables need none")
    func missingCategoryAll() {
        #expect(only(.missingCategory, projectTable(indicators: [])).count == 3)
        #expect(only(.missingCategory, departmentTable(bureauHeader(), indicators: [])).isEmpty)
    }

    @Test("missing-category: the bonus project has all; PDF spaces in labels are ignored")
    func missingCategoryNegative() {
        #expect(only(.missingCategory, SeedProjects.bonus).isEmpty)
        let rows = [
            row(1, "产出 指标", "数量指标", "人数", .eq, "1", "人"),
            row(2, "效益指标", "社会效益指标", "促进", .qualitative, "促进"),
            row(3, "满意度\n指标", "服务对象满意度指标", "满意度", .gte, "80", "%"),
        ]
        #expect(only(.missingCategory, projectTable(indicators: rows)).isEmpty)
    }

    @Test("unknown-category: the cut-short 持续发展能力指 is reported once for its rows")
    func unknownCategory() throws {
        let rows = [
            row(1, "基本运行指标", "预算收支管理", "预算执行率", .gte, "98", "%"),
            row(2, "持续发展能力指", "组织建设", "党建工作开展情况", .qualitative, "良好", line: 73),
            row(3, "持续发展能力指", "宣传培训", "培训计划完成率", .gte, "90", "%", line: 74),
        ]
        let findings = only(.unknownCategory, departmentTable(bureauHeader(), indicators: rows))
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.line == 73)
        #expect(finding.message.contains("'持续发展能力指'") && finding.message.contains("1 more"))
    }

    @Test("unknown-category: a project level-1 name in a department table, and an empty one")
    func unknownCategoryKinds() {
        let rows = [
            row(1, "产出指标", "数量指标", "人数", .eq, "1", "人"),
            row(2, "", "", "成本控制", .qualitative, "预算内"),
        ]
        #expect(only(.unknownCategory, departmentTable(bureauHeader(), indicators: rows)).count == 2)
    }

    @Test("unknown-category: known names pass")
    func unknownCategoryNegative() {
        #expect(only(.unknownCategory, SeedProjects.bonus).isEmpty)
        #expect(only(.unknownCategory, departmentTable(bureauHeader())).isEmpty)
    }

    @Test("duplicate-indicator: the same three levels twice")
    func duplicate() throws {
        let rows = [
            row(1, "产出指标", "时效指标", "资金拨付使用率", .eq, "100", "%"),
            row(2, "产出指标", "时效指标", "资金拨付使用率 ", .eq, "100", "%", line: 120),
        ]
        let finding = try #require(only(.duplicateIndicator, projectTable(indicators: rows + completeCategoryRows(from: 3))).first)
        #expect(finding.severity == .warning)
        #expect(finding.indicatorPosition == 2)
        #expect(finding.message.contains("#1"))
    }

    @Test("duplicate-indicator: the same name under another level 1 is not a duplicate")
    func duplicateNegative() {
        // 提高全县干部工作积极性 appears under 产出指标 and 效益指标 in the bonus project.
        #expect(only(.duplicateIndicator, SeedProjects.bonus).isEmpty)
    }

    @Test("missing-goal: no goal, or only empty HTML", arguments: [[String](), [""], ["<p></p>", " \u{3000}"]])
    func missingGoal(goals: [String]) throws {
        var table = SeedProjects.bonus
        table.goals = goals
        let finding = try #require(only(.missingGoal, table).first)
        #expect(finding.severity == .error)
    }

    @Test("missing-goal: a goal in <p> passes")
    func missingGoalNegative() {
        var table = SeedProjects.bonus
        table.goals = ["<p>目标1：资金按规定用于长期临聘人员工资。</p>"]
        #expect(only(.missingGoal, table).isEmpty)
    }
}
