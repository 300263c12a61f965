import Testing

@testable import JixiaoCore

/// Findings of a project table holding `rows` plus the required categories, filtered to `code`.
private func findings(_ code: FindingCode, _ rows: [Indicator]) -> [Finding] {
    let table = projectTable(indicators: rows + completeCategoryRows(from: 100))
    return Validator.findings(for: table).filter { $0.code == code }
}

@Suite("Rules on indicators")
struct IndicatorRuleTests {
    @Test("value-not-numeric: = with 2025年 is an error (bureau seed line 43)")
    func valueNotNumericError() throws {
        let rows = [row(1, "产出指标", "时效指标", "资金到位时限", .eq, "2025年", "全年", line: 43)]
        let finding = try #require(findings(.valueNotNumeric, rows).first)
        #expect(finding.severity == .error)
        #expect(finding.line == 43)
        #expect(finding.indicatorPosition == 1)
        #expect(finding.indicatorID == uuid(1))
        #expect(finding.message.contains("'资金到位时限'") && finding.message.contains("'2025年'"))
    }

    @Test("value-not-numeric: 定量 with 按照实际 is a warning (丧葬抚恤金 seed)")
    func valueNotNumericWarning() throws {
        let rows = [row(1, "产出指标", "数量指标", "抚恤人数", .quantitative, "按照实际")]
        #expect(try #require(findings(.valueNotNumeric, rows).first).severity == .warning)
    }

    @Test("value-not-numeric: numbers and qualitative values pass")
    func valueNotNumericNegative() {
        let rows = [
            row(1, "产出指标", "数量指标", "预计发放对象人数", .eq, "900", "人"),
            row(2, "产出指标", "质量指标", "资金拨付及时性", .qualitative, "及时"),
            row(3, "产出指标", "数量指标", "新增退休人员", .quantitative, "1,869", "人"),
        ]
        #expect(findings(.valueNotNumeric, rows).isEmpty)
    }

    @Test("unit-missing: 群众满意度 ≥ 98 without unit (bureau seed line 58)")
    func unitMissing() throws {
        let rows = [row(1, "满意度指标", "服务对象满意度指标", "群众满意度", .gte, "98", line: 58)]
        let finding = try #require(findings(.unitMissing, rows).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("'群众满意度'") && finding.message.contains("98"))
    }

    @Test("unit-missing: a unit, or a non-numeric value, passes")
    func unitMissingNegative() {
        let rows = [
            row(1, "满意度指标", "服务对象满意度指标", "群众满意度", .gte, "98", "%"),
            row(2, "产出指标", "质量指标", "资金拨付及时性", .qualitative, "及时"),
        ]
        #expect(findings(.unitMissing, rows).isEmpty)
    }

    @Test("percent-out-of-range: above 100 or below 0", arguments: ["150", "-1", "100.000001"])
    func percentOutOfRange(value: String) throws {
        let rows = [row(1, "产出指标", "质量指标", "资金足额拨付率", .gte, value, "%")]
        let finding = try #require(findings(.percentOutOfRange, rows).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("\(value)%"))
    }

    @Test("percent-out-of-range: 0 to 100 and other units pass")
    func percentOutOfRangeNegative() {
        let rows = [
            row(1, "产出指标", "质量指标", "资金足额拨付率", .eq, "100", "%"),
            row(2, "产出指标", "质量指标", "回收率", .gte, "0", "％"),
            row(3, "产出指标", "数量指标", "输送劳动力人数", .gte, "5000", "人"),
        ]
        #expect(findings(.percentOutOfRange, rows).isEmpty)
    }

    @Test("comparator-conflict: = with content ≥900万元 (长期临聘人员工资 seed)")
    func comparatorConflict() throws {
        let rows = [row(1, "成本指标", "经济成本指标", "资金下达数", .eq, "900", "万元", content: "≥900万元")]
        let finding = try #require(findings(.comparatorConflict, rows).first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("says ≥"))
    }

    @Test("comparator-conflict: agreeing or silent content passes; 定量 has no direction to contradict")
    func comparatorConflictNegative() {
        let rows = [
            row(1, "产出指标", "数量指标", "享受长期临聘人员工资人数", .eq, "391", "人", content: "=391人"),
            row(2, "产出指标", "质量指标", "补贴发放准确率", .gte, "90", "%", content: "≥90%"),
            row(3, "效益指标", "社会效益指标", "零就业家庭帮扶率", .quantitative, "80", "%", content: "≥80%"),
            row(4, "成本指标", "经济成本指标", "成本控制", .eq, "64.09", "万元", content: "涉及资金"),
        ]
        #expect(findings(.comparatorConflict, rows).isEmpty)
    }
}
