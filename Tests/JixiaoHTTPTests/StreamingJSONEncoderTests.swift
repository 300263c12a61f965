import Foundation
import Testing

@testable import JixiaoHTTP

@Suite("Streaming JSON encoder (no database)")
struct StreamingJSONEncoderTests {
    enum Status: String, Codable { case draft, submitted }
    struct Leaf: Codable, Equatable {
        var text: String
        var note: String?
    }
    struct Empty: Codable {}
    struct Sample: Codable {
        var id: Int64
        var small: Int32
        var flag: Bool
        var status: Status
        var title: String
        var missing: String?
        var present: Int?
        var at: Date
        var leaves: [Leaf]
        var nested: [[Int]]
        var map: [String: String]
        var empty: Empty
        var none: [Leaf]
    }

    /// Parsed JSON, for comparing documents whatever their key order.
    func parsed(_ bytes: [UInt8]) throws -> NSObject {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSObject)
    }

    @Test("the same document as JSONCoding.encoder() writes, for every kind of value our types use")
    func sameDocument() throws {
        let value = Sample(
            id: 9_007_199_254_740_993,
            small: -7,
            flag: true,
            status: .submitted,
            title: "绩效 \"目标\" \\ / \n\t\r\u{8}\u{c}\u{1}\u{1f} 😀",
            missing: nil,
            present: 0,
            at: Date(timeIntervalSince1970: 1_764_000_000.123),
            leaves: [Leaf(text: "a", note: nil), Leaf(text: "", note: "≥")],
            nested: [[], [1, 2]],
            map: ["b": "2", "a": "1"],
            empty: Empty(),
            none: []
        )
        let streamed = try StreamingJSONEncoder.encode(value)
        let foundation = Array(try JSONCoding.encoder().encode(value))
        #expect(try self.parsed(streamed) == self.parsed(foundation))
        // Strings and dates are written byte for byte as Foundation writes them.
        for text in [value.title, "plain", "", "\u{0}x"] {
            #expect(try StreamingJSONEncoder.encode([text]) == Array(JSONCoding.encoder().encode([text])))
        }
        #expect(try StreamingJSONEncoder.encode([value.at]) == Array(JSONCoding.encoder().encode([value.at])))
        // Keys in the order the type encodes them; absent optionals are left out.
        let text = String(decoding: streamed, as: UTF8.self)
        #expect(text.hasPrefix(#"{"id":9007199254740993,"small":-7,"flag":true,"status":"submitted","#))
        #expect(!text.contains("missing"))
        #expect(text.contains(#""empty":{},"none":[]}"#))
    }

    @Test("what it does not write itself (floating point, nested containers) goes through Foundation whole")
    func fallback() throws {
        struct Measured: Encodable {
            var share = 0.25
            var name = "x"
        }
        struct Nesting: Encodable {
            enum Keys: String, CodingKey { case outer, inner }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .outer)
                try inner.encode("deep", forKey: .inner)
            }
        }
        #expect(try self.parsed(StreamingJSONEncoder.encode(Measured())) == self.parsed(Array(JSONCoding.encoder().encode(Measured()))))
        #expect(String(decoding: try StreamingJSONEncoder.encode(Nesting()), as: UTF8.self) == #"{"outer":{"inner":"deep"}}"#)
    }
}
