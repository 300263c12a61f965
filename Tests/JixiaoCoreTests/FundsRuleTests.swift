import Testing

@testable import JixiaoCore

private func only(_ code: FindingCode, _ table: TargetTable) -> [Finding] {
    Validator.findings(for: table).filter { $0.code == code }
}

@Suite("Rules on project funds")
struct FundsRuleTests {
    @Test("funds-sum: 财政资金 + 其他资金 ≠ 年度资金总额")
    func fundsSum() throws {
        let table = projectTable(total: "1400", fiscal: "1300", other: "0", indicators: completeCategoryRows(from: 1))
        let finding = try #require(only(.fundsSum, table).first)
        #expect(finding.severity == .error)
        #expect(finding.message == "财政资金 + 其他资金 1300 + 0 = 1300 ≠ 年度资金总额 1400")
    }

    @Test("funds-sum: 64.09 with 其他资金 empty adds up; no parts means nothing to check")
    func fundsSumNegative() {
        #expect(only(.fundsSum, SeedProjects.sanzhiyifu).isEmpty)
        #expect(only(.fundsSum, projectTable(total: "7183", indicators: completeCategoryRows(from: 1))).isEmpty)
    }

    @Test("cost-mismatch: the bonus project's 160 万元 cost against 140 万元 funds")
    func costMismatch() throws {
        let finding = try #require(only(.costMismatch, SeedProjects.bonus).first)
        #expect(finding.severity == .error)
        #expect(finding.line == 106)
        #expect(finding.message == "'涉及资金' 160 万元 ≠ 年度资金总额 140 万元")
    }

    @Test("cost-mismatch: several 经济成本 rows are compared by their sum")
    func costMismatchSum() {
        let rows = [
            row(1, "成本指标", "经济成本指标", "人员经费", .eq, "100", "万元"),
            row(2, "成本指标", "经济成本指标", "设备购置", .eq, "40", "万元"),
        ]
        #expect(only(.costMismatch, projectTable(total: "140", indicators: rows + completeCategoryRows(from: 3))).isEmpty)
        #expect(only(.costMismatch, projectTable(total: "150", indicators: rows + completeCategoryRows(from: 3))).count == 1)
    }

    @Test("cost-mismatch: 64.09 = 64.09; 万元/月 rows and tables without a total are not compared")
    func costMismatchNegative() {
        #expect(only(.costMismatch, SeedProjects.sanzhiyifu).isEmpty)
        let rows = [row(1, "成本指标", "经济成本指标", "长期临聘人员工资合计", .eq, "80", "万元/月")]
        #expect(only(.costMismatch, projectTable(total: "900", indicators: rows + completeCategoryRows(from: 2))).isEmpty)
        var untotalled = SeedProjects.bonus
        untotalled.header = .project(ProjectHeader(projectName: "奖金"))
        #expect(only(.costMismatch, untotalled).isEmpty)
    }

    @Test("quantity-cost-product: 150 人 × 1250 元/人 = 18.75 万元 > 17 万元 (取暖费 seed)")
    func quantityCostProduct() throws {
        let finding = try #require(only(.quantityCostProduct, SeedProjects.heating).first)
        #expect(finding.severity == .warning)
        #expect(finding.line == 307)
        #expect(finding.message == "'新增退休人员' 150 人 × '发放标准' 1250 元/人 = 18.75 万元 > 年度资金总额 17 万元")
    }

    @Test("quantity-cost-product: 58 人 × 1.105 万元/人 = 64.09 does not exceed 64.09; 元 without /人 is no standard")
    func quantityCostProductNegative() {
        #expect(only(.quantityCostProduct, SeedProjects.sanzhiyifu).isEmpty)
        #expect(only(.quantityCostProduct, SeedProjects.bonus).isEmpty)
    }

    @Test("transfer tables get the same funds rules (普惠金融发展专项资金, 7183 万元)")
    func transfer() {
        var table = projectTable(
            indicators: [
                row(1, "成本指标", "经济成本指标", "资金下达数", .eq, "7000", "万元"),
                row(2, "产出指标", "数量指标", "创业担保贷款户数", .gte, "500", "户"),
                row(3, "产出指标", "质量指标", "贴息标准", .eq, "15", "万元/户"),
            ] + completeCategoryRows(from: 4)
        )
        table.header = .transfer(TransferHeader(fundName: "普惠金融发展专项资金", fundsTotal: wan("7183"), fiscalFunds: wan("7000")))
        #expect(codes(Validator.findings(for: table)) == [.fundsSum, .costMismatch, .quantityCostProduct])
    }
}
