import Foundation
import Testing

@testable import JixiaoCore

/// The one list of indicator fields: its names in every encoding, and the change built on it.
@Suite("Indicator content")
struct IndicatorContentTests {
    private let sample = IndicatorContent(
        level1: "产出指标",
        level2: "数量指标",
        level3: "培训人数",
        comparator: .gte,
        value: "150",
        unitOfMeasure: "人次",
        content: "全年",
        remark: "备注"
    )

    @Test("the field names of the API, the CSV file and the database are the ones the clients know")
    func names() {
        let fields = IndicatorContent.Field.allCases
        #expect(fields.map(\.jsonKey) == ["level1", "level2", "level3", "comparator", "value", "unit", "content", "remark", "weight", "explanation"])
        #expect(
            fields.map(\.csvColumn) == [
                "level1", "level2", "level3", "comparator", "value", "unit_of_measure", "content", "remark", "weight", "explanation",
            ]
        )
        #expect(
            fields.map(\.column) == [
                "level1", "level2", "level3", "comparator", "value", "unit_of_measure", "content", "remark", "weight", "explanation",
            ]
        )
        #expect(Set(fields.map(\.label)).count == fields.count)
        #expect(fields.allSatisfy { IndicatorContent.Field($0.keyPath) == $0 })
    }

    @Test("each field's text cell reads back as the same field")
    func textRoundTrip() throws {
        var read = IndicatorContent()
        for field in IndicatorContent.Field.allCases { try read.setText(self.sample.text(field), for: field) }
        #expect(read == self.sample)
        #expect(throws: IndicatorContent.FieldTextError.self) { try read.setText("about", for: .comparator) }
        try read.setText(" >= ", for: .comparator)
        #expect(read.comparator == .gte)
        try read.setText("", for: .comparator)
        #expect(read.comparator == nil)
    }

    @Test("a change names exactly the fields that differ, and applying it gives the new content")
    func changeBetween() {
        var new = self.sample
        new.value = "160"
        new.comparator = nil
        let change = IndicatorChange(from: self.sample, to: new)
        #expect(change.fields == [.value, .comparator])
        #expect(change.applied(to: self.sample) == new)
        #expect(IndicatorChange(from: self.sample, to: self.sample).isEmpty)
        #expect(IndicatorChange(comparator: .some(nil)).fields == [.comparator])
        #expect(IndicatorChange(value: "1", remark: "r").fields == [.value, .remark])
    }

    @Test("a JSON change: absent and null keep a field, except null clears the comparator")
    func changeFromJSON() throws {
        let decode = { (json: String) in try JSONDecoder().decode(IndicatorChange.self, from: Data(json.utf8)) }
        #expect(try decode(#"{"value": "9", "unit": null, "reason": "x"}"#).fields == [.value])
        #expect(try decode(#"{"comparator": null}"#) == IndicatorChange(comparator: .some(nil)))
        #expect(try decode(#"{"unit": "%"}"#) == IndicatorChange(unitOfMeasure: "%"))
    }

    @Test("strict JSON needs the levels and the value; lenient JSON reads any comparator spelling")
    func contentFromJSON() throws {
        let strict = { (json: String) in try JSONDecoder().decode(IndicatorContent.self, from: Data(json.utf8)) }
        #expect(throws: DecodingError.self) { try strict(#"{"level1": "a", "level2": "b", "level3": "c"}"#) }
        let read = try strict(#"{"level1": "a", "level2": "b", "level3": "c", "value": "1", "comparator": "≥"}"#)
        #expect(read == IndicatorContent(level1: "a", level2: "b", level3: "c", comparator: .gte, value: "1"))

        struct Lenient: Decodable {
            var content: IndicatorContent
            init(from decoder: any Decoder) throws { self.content = try IndicatorContent(from: decoder, reading: .lenient) }
        }
        let lenient = try JSONDecoder().decode(Lenient.self, from: Data(#"{"level1": "a", "comparator": ">="}"#.utf8)).content
        #expect(lenient == IndicatorContent(level1: "a", comparator: .gte))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Lenient.self, from: Data(#"{"comparator": "about"}"#.utf8)) }
    }

    @Test("an indicator's JSON is its identity plus its content, with every key and the derived numeric value")
    func indicatorJSON() throws {
        let indicator = Indicator(id: 7, position: 2, fields: self.sample, version: 3, line: 12)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try JSONSerialization.jsonObject(with: encoder.encode(indicator)) as! [String: Any]
        #expect(
            Set(object.keys)
                == Set(["id", "position", "version", "line", "numeric_value"] + IndicatorContent.Field.allCases.map(\.jsonKey))
        )
        #expect(try JSONDecoder().decode(Indicator.self, from: encoder.encode(indicator)) == indicator)
    }
}
