import Testing

@testable import JixiaoCore

@Suite("Comparator")
struct ComparatorTests {
    @Test("raw values are the stored ones")
    func rawValues() {
        #expect(IndicatorComparator.allCases.map(\.rawValue) == ["≥", "≤", "=", ">", "<", "定性", "定量"])
    }

    @Test(
        "reads every spelling in the sources",
        arguments: [
            ("≥", IndicatorComparator.gte), ("≧", .gte), ("⩾", .gte), (">=", .gte), ("=>", .gte), ("＞＝", .gte),
            ("\\geq", .gte), ("$\\geq$", .gte), ("$ \\geq $", .gte), ("\\ge", .gte), ("大于等于", .gte), ("不低于", .gte),
            ("≤", .lte), ("≦", .lte), ("⩽", .lte), ("<=", .lte), ("=<", .lte), ("＜＝", .lte),
            ("\\leq", .lte), ("$\\leq$", .lte), ("小于等于", .lte), ("不高于", .lte),
            ("=", .eq), ("＝", .eq), ("等于", .eq),
            (">", .gt), ("＞", .gt),
            ("<", .lt), ("＜", .lt),
            ("定性", .qualitative), ("定量", .quantitative),
            (" ≥ ", .gte), ("\t≤\u{3000}", .lte), ("  定性 ", .qualitative),
        ]
    )
    func parses(spelling: String, expected: IndicatorComparator) {
        #expect(IndicatorComparator(parsing: spelling) == expected)
    }

    @Test("refuses what is not a comparator", arguments: ["", "  ", "≥90%", "及时", "geq", "$", "≥≥", "大约"])
    func refuses(text: String) {
        #expect(IndicatorComparator(parsing: text) == nil)
    }

    @Test("finds a comparator mentioned in content text")
    func mentions() {
        #expect(IndicatorComparator.firstMention(in: "≥900万元") == .gte)
        #expect(IndicatorComparator.firstMention(in: "=391人") == .eq)
        #expect(IndicatorComparator.firstMention(in: "资金不低于900万元") == .gte)
        #expect(IndicatorComparator.firstMention(in: "比例>=80%") == .gte)
        #expect(IndicatorComparator.firstMention(in: "<p>目标</p>") == nil)
        #expect(IndicatorComparator.firstMention(in: "高于全省平均水平") == nil)
        #expect(IndicatorComparator.firstMention(in: "涉及资金") == nil)
    }

    @Test("only ≥ ≤ = > < are relational")
    func relational() {
        #expect(IndicatorComparator.allCases.filter(\.isRelational) == [.gte, .lte, .eq, .gt, .lt])
    }
}
