import Testing

@testable import JixiaoCore

@Suite("权重: the weight type, its rule and its column in documents")
struct WeightRuleTests {
    @Test("exact, not negative, at most two decimals and 9999.99; JSON as a string", arguments: ["0", "20", "12.5", "0.25", "１２.５", "9999.99"])
    func valid(text: String) throws {
        let weight = try Weight(parsing: text)
        #expect(Weight(weight.description) == weight)
    }

    @Test("refused with a message saying why", arguments: ["-1", "1.005", "10000", "二十", "", "12.5%"])
    func invalid(text: String) {
        #expect(Weight(text) == nil)
        #expect(throws: DecimalError.self) { try Weight(parsing: text) }
    }

    @Test("weights-incomplete: some weighted, others not; nothing when none or all are")
    func rule() {
        func indicators(_ weights: [String?]) -> [Indicator] {
            weights.enumerated().map { index, weight in
                var indicator = Indicator(
                    id: Int64(index + 1),
                    position: index + 1,
                    level1: "产出指标",
                    level2: "数量指标",
                    level3: "指标\(index + 1)",
                    comparator: .gte,
                    value: "1",
                    unitOfMeasure: "个"
                )
                indicator.weight = weight.flatMap(Weight.init)
                return indicator
            }
        }
        #expect(CategoryRules.weights(indicators([nil, nil])).isEmpty)
        #expect(CategoryRules.weights(indicators(["50", "50"])).isEmpty)
        let findings = CategoryRules.weights(indicators(["20", "12.5", nil]))
        #expect(findings.map(\.code) == [.weightsIncomplete])
        #expect(findings[0].severity == .warning)
        #expect(findings[0].message.contains("2 of 3") && findings[0].message.contains("32.5") && findings[0].message.contains("指标3"))
        #expect(findings[0].indicatorPosition == 3)
    }

    @Test("a document with a 权重 column: weights read exactly, a bad cell reported with its line")
    func document() throws {
        var lines = seedProject([
            ["", "成本指标", "经济成本指标", "成本控制", "=", "64.09", "万元", "", "10"],
            ["", "产出指标", "数量指标", "受益人数", "=", "58", "人", "", "40.5"],
            ["", "效益指标", "社会效益指标", "生活水平", "定性", "提高", "", "", "三十"],
            ["", "满意度指标", "服务对象满意度指标", "满意度", "≥", "98", "%", "", "10"],
        ])
        lines[8] = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位", "指标值内容", "权重"]
        let table = try #require(SeedParser.parse(seedText(lines)).tables.first)
        #expect(table.indicators.map { $0.weight?.description } == ["10", "40.5", nil, "10"])
        let issue = try #require(table.issues.first { $0.message.contains("权重") })
        #expect(issue.line == 12)
        #expect(table.ruleFindings.contains { $0.code == .weightsIncomplete })
    }
}
