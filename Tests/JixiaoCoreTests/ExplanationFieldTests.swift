import Testing

@testable import JixiaoCore

/// 指标解释: the second field added end to end (after 权重), as a free text.
@Suite("指标解释: a free-text indicator field")
struct ExplanationFieldTests {
    @Test("a document with a 指标解释 column keeps it per row, beside the 权重 column")
    func document() throws {
        var lines = seedProject([
            ["", "成本指标", "经济成本指标", "成本控制", "=", "64.09", "万元", "", "10", "不超过预算"],
            ["", "产出指标", "数量指标", "受益人数", "=", "58", "人", "", "40", "全年受益人数"],
            ["", "效益指标", "社会效益指标", "生活水平", "定性", "提高", "", "", "40", ""],
            ["", "满意度指标", "服务对象满意度指标", "满意度", "≥", "98", "%", "", "10", "问卷调查"],
        ])
        lines[8] = ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值类型", "指标值", "度量单位", "指标值内容", "权重", "指标解释"]
        let table = try #require(SeedParser.parse(seedText(lines)).tables.first)
        #expect(table.indicators.map(\.explanation) == ["不超过预算", "全年受益人数", "", "问卷调查"])
        #expect(table.indicators.map { $0.weight?.description } == ["10", "40", "40", "10"])
        #expect(table.indicators.allSatisfy { $0.remark.isEmpty }, "the column must not spill into 备注")
    }

    @Test("JSON, CSV text and the field list name it the same way")
    func names() throws {
        let field = IndicatorContent.Field.explanation
        #expect(field.jsonKey == "explanation" && field.csvColumn == "explanation" && field.column == "explanation")
        #expect(field.label == "指标解释")
        var content = IndicatorContent(level1: "产出指标", level2: "数量指标", level3: "人数", value: "5")
        try content.setText("按花名册统计", for: field)
        #expect(content.explanation == "按花名册统计" && content.text(field) == "按花名册统计")
        var other = IndicatorContent()
        other.take(field, from: content)
        #expect(other.explanation == "按花名册统计" && other.same(field, as: content))
    }
}
