import Testing

@testable import JixiaoCore

@Suite("Value cell splitter")
struct ValueCellTests {
    @Test(
        "splits comparator, value and unit",
        arguments: [
            ("≥90%", IndicatorComparator.gte as IndicatorComparator?, "90", "%"),
            ("100%", nil, "100", "%"),
            ("≥12所", .gte, "12", "所"),
            ("$\\geq 80\\%$", .gte, "80", "%"),
            ("=391人", .eq, "391", "人"),
            ("≥900万元", .gte, "900", "万元"),
            ("2025年", nil, "2025", "年"),
            ("98", nil, "98", ""),
            (" ≥ 60 % ", .gte, "60", "%"),
            ("不低于80%", .gte, "80", "%"),
            ("低于5%", .lt, "5", "%"),
            ("1,234.5万元", nil, "1,234.5", "万元"),
            ("≥-5%", .gte, "-5", "%"),
            ("较上年增长", nil, "较上年增长", ""),
            ("低于上年", nil, "低于上年", ""),
            ("及时", nil, "及时", ""),
            ("≥", .gte, "", ""),
            ("", nil, "", ""),
        ]
    )
    func splits(cell: String, comparator: IndicatorComparator?, value: String, unit: String) {
        #expect(ValueCell(splitting: cell) == ValueCell(comparator: comparator, value: value, unit: unit))
    }
}
