import Foundation
import Testing

@testable import JixiaoCore

@Suite("Amount")
struct AmountTests {
    @Test(
        "parses and prints seed figures canonically",
        arguments: [
            ("7547.363101", "7547.363101", Int64(7_547_363_101)),
            ("-0.10", "-0.1", -100_000),
            ("9757.7", "9757.7", 9_757_700_000),
            ("15614.226", "15614.226", 15_614_226_000),
            ("1,234.5", "1234.5", 1_234_500_000),
            ("１２.５", "12.5", 12_500_000),
            ("  140 ", "140", 140_000_000),
            ("0", "0", 0),
            ("-0", "0", 0),
            ("+3", "3", 3_000_000),
            ("0.000001", "0.000001", 1),
            ("1,234,567.000001", "1234567.000001", 1_234_567_000_001),
            ("1.5000000", "1.5", 1_500_000),
            ("－５", "-5", -5_000_000),
        ]
    )
    func parses(text: String, canonical: String, fen: Int64) throws {
        let amount = try Amount(parsing: text)
        #expect(amount.fen == fen)
        #expect(amount.description == canonical)
    }

    @Test("fixed prints all six decimals")
    func fixed() throws {
        #expect(try Amount(parsing: "9757.7").fixed == "9757.700000")
        #expect(try Amount(parsing: "-0.1").fixed == "-0.100000")
        #expect(Amount.zero.fixed == "0.000000")
    }

    @Test("the NUMERIC(18,6) range: 12 integer digits and 6 decimals fit")
    func range() throws {
        let largest = try Amount(parsing: "999999999999.999999")
        #expect(largest == Amount.max)
        #expect(largest.description == "999999999999.999999")
        #expect(try Amount(parsing: "-999999999999.999999") == Amount.min)
        #expect(try Amount(parsing: "000000000000999999999999") == Amount(wan: 999_999_999_999))
    }

    @Test(
        "refuses junk with a reason",
        arguments: [
            ("", DecimalError.empty),
            ("   ", DecimalError.empty),
            ("12万", DecimalError.invalidCharacter("万", text: "12万")),
            ("1 000", DecimalError.invalidCharacter(" ", text: "1 000")),
            ("1.2.3", DecimalError.malformed(text: "1.2.3", reason: "unexpected '.' at position 4")),
            ("1-2", DecimalError.malformed(text: "1-2", reason: "unexpected '-' at position 2")),
            ("-", DecimalError.malformed(text: "-", reason: "no digits before the decimal point")),
            (".5", DecimalError.malformed(text: ".5", reason: "no digits before the decimal point")),
            ("5.", DecimalError.malformed(text: "5.", reason: "no digits after the decimal point")),
            ("1,23.4", DecimalError.malformed(text: "1,23.4", reason: "thousands separators must split the integer part into groups of three")),
            (",123", DecimalError.malformed(text: ",123", reason: "thousands separators must split the integer part into groups of three")),
            ("1234,567", DecimalError.malformed(text: "1234,567", reason: "thousands separators must split the integer part into groups of three")),
            ("1.0000001", DecimalError.tooManyDecimals(text: "1.0000001", decimals: 7)),
            ("1000000000000", DecimalError.outOfRange(text: "1000000000000")),
            ("9223372036854.775807", DecimalError.outOfRange(text: "9223372036854.775807")),
            ("99999999999999999999999", DecimalError.outOfRange(text: "99999999999999999999999")),
        ]
    )
    func refuses(text: String, expected: DecimalError) {
        #expect(throws: expected) { try Amount(parsing: text) }
    }

    @Test("error messages say what is wrong")
    func messages() {
        #expect(DecimalError.tooManyDecimals(text: "1.0000001", decimals: 7).description.contains("at most 6"))
        #expect(DecimalError.outOfRange(text: "1e20").description.contains("NUMERIC(18,6)"))
        #expect(DecimalError.invalidCharacter("万", text: "12万").description == "'万' is not allowed in a number: '12万'")
    }

    @Test("adds and subtracts exactly")
    func arithmetic() throws {
        let sum = try wan("8892.32") + wan("6721.906")
        #expect(sum == wan("15614.226"))
        #expect(try wan("0.1") - wan("0.3") == wan("-0.2"))
        #expect(-wan("7547.363101") == wan("-7547.363101"))
        #expect(try Amount.sum([wan("1277.11"), wan("90.706"), wan("14246.41")]) == wan("15614.226"))
        #expect(try Amount.sum([Amount]()) == .zero)
    }

    @Test("multiplies by a count")
    func multiplies() throws {
        #expect(try wan("1.105").multiplied(by: 58) == wan("64.09"))
        #expect(try wan("0.15").multiplied(by: -3) == wan("-0.45"))
    }

    @Test("reports overflow instead of trapping")
    func overflow() {
        #expect(throws: DecimalError.overflow(operation: "999999999999.999999 + 0.000001")) {
            try Amount.max + wan("0.000001")
        }
        #expect(throws: DecimalError.self) { try Amount.min - wan("1") }
        #expect(throws: DecimalError.self) { try Amount.max.multiplied(by: 2) }
        #expect(throws: DecimalError.self) { try wan("2").multiplied(by: Int64.max) }
        #expect(throws: DecimalError.self) { try Amount.sum([Amount.max, wan("1"), wan("-5")]) }
        #expect(Amount(fen: Int64.max) == nil)
        #expect(Amount(wan: 1_000_000_000_000) == nil)
    }

    @Test("compares by value")
    func compares() {
        #expect(wan("140") < wan("160"))
        #expect(wan("-0.1") < .zero)
        #expect(wan("9757.70") == wan("9757.7"))
        #expect([wan("3"), wan("-1"), wan("2.5")].sorted() == [wan("-1"), wan("2.5"), wan("3")])
    }

    @Test("round-trips through JSON as a string", arguments: ["7547.363101", "-0.1", "0", "999999999999.999999", "64.09"])
    func json(text: String) throws {
        let amount = wan(text)
        let data = try JSONEncoder().encode([amount])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([Amount].self, from: data) == [amount])
    }

    @Test("JSON refuses numbers and bad strings")
    func jsonRefusals() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Amount].self, from: Data("[7547.36]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Amount].self, from: Data("[\"1.0000001\"]".utf8)) }
    }

    @Test("round-trips through text for every decimal place")
    func textRoundTrip() throws {
        for fen: Int64 in [1, 12, 123, 1234, 12345, 123456, 1_234_567, -987_654_321, 999_999_999_999_999_999] {
            let amount = try #require(Amount(fen: fen))
            #expect(try Amount(parsing: amount.description) == amount)
            #expect(try Amount(parsing: amount.fixed) == amount)
        }
    }
}
