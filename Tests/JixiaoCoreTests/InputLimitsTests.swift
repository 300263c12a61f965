import Testing

@testable import JixiaoCore

@Suite("Rules: input limits")
struct InputLimitsTests {
    @Test("every free-text field has a limit; lengths count Unicode scalars")
    func lengths() {
        for field in IndicatorContent.Field.allCases {
            let limit = InputLimits.maximumLength(of: field)
            #expect((limit == nil) == [.comparator, .weight].contains(field), "\(field)")
        }
        #expect(InputLimits.lengthRefusal(String(repeating: "绩", count: InputLimits.value), name: "value", limit: InputLimits.value) == nil)
        let refusal = InputLimits.lengthRefusal(String(repeating: "绩", count: InputLimits.value + 1), name: "value", limit: InputLimits.value)
        #expect(refusal?.contains("\(InputLimits.value + 1) characters") == true)
        // A flag emoji is one Character but two scalars: counted as PostgreSQL counts it.
        #expect(InputLimits.lengthRefusal("🇨🇳", name: "x", limit: 1) != nil)
    }

    @Test("an indicator's fields are checked where set")
    func content() {
        let long = String(repeating: "a", count: InputLimits.text + 1)
        let content = IndicatorContent(value: "1", remark: long)
        #expect(InputLimits.lengthRefusal(content, fields: [.value]) == nil)
        #expect(InputLimits.lengthRefusal(content, fields: IndicatorContent.Field.allCases)?.contains("remark") == true)
        #expect(InputLimits.countRefusal(InputLimits.indicatorsPerTable, items: "indicators", limit: InputLimits.indicatorsPerTable) == nil)
        #expect(InputLimits.countRefusal(InputLimits.indicatorsPerTable + 1, items: "indicators", limit: InputLimits.indicatorsPerTable) != nil)
    }
}
