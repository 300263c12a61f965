import Foundation
import Testing

@testable import JixiaoCore

@Suite("FixedDecimal")
struct FixedDecimalTests {
    @Test("shares Amount's parsing and scale")
    func parses() throws {
        let value = try FixedDecimal(parsing: "1.105")
        #expect(value.units == 1_105_000)
        #expect(Amount(value) == wan("1.105"))
        #expect(wan("1.105").decimal == value)
        #expect(FixedDecimal("98") == FixedDecimal(integer: 98))
        #expect(FixedDecimal("及时") == nil)
    }

    @Test(
        "rounds half away from zero for display",
        arguments: [
            ("78.077", 2, "78.08"),
            ("78.075", 2, "78.08"),
            ("78.074999", 2, "78.07"),
            ("-0.005", 2, "-0.01"),
            ("-0.004", 2, "0"),
            ("99.999999", 0, "100"),
            ("1.5", 6, "1.5"),
        ]
    )
    func rounding(text: String, decimals: Int, expected: String) throws {
        #expect(try FixedDecimal(parsing: text).formatted(maxDecimals: decimals) == expected)
    }

    @Test("checked arithmetic")
    func arithmetic() throws {
        let a = try FixedDecimal(parsing: "0.1")
        let b = try FixedDecimal(parsing: "0.2")
        #expect(try (a + b).description == "0.3")
        #expect(try (a - b).description == "-0.1")
        #expect(throws: DecimalError.self) { try FixedDecimal.max + a }
        #expect(FixedDecimal(units: FixedDecimal.max.units + 1) == nil)
        #expect(FixedDecimal(integer: 1_000_000_000_000) == nil)
    }

    @Test("JSON as a string")
    func json() throws {
        let data = try JSONEncoder().encode([try FixedDecimal(parsing: "98.50")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"98.5\"]")
    }
}
