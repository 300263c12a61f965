import Testing

@testable import JixiaoCore

@Suite("CSV: formulas neutralised for Excel")
struct CSVFormulaGuardTests {
    static let dangerous = [
        "=HYPERLINK(\"http://evil.example\",\"点此\")", "+1+2", "-5", "@SUM(A1)", "\tx", "\r=1", "=", "'=1", "''+x", "-",
    ]
    static let harmless = ["", "98", "≥90%", "'quoted'", "'", "''", "a=b", " =1", "２０２５年", "—", "'a"]

    @Test("a cell a spreadsheet would run is written with an apostrophe; others as they are")
    func written() {
        for text in Self.dangerous {
            #expect(CSVFormulaGuard.neutralised(text) == "'" + text, "\(text)")
        }
        for text in Self.harmless {
            #expect(CSVFormulaGuard.neutralised(text) == text, "\(text)")
        }
        let csv = CSVText.write([["value"], ["=HYPERLINK(\"http://evil.example\",\"x\")"]])
        let cell = csv.split(separator: "\r\n")[1]
        #expect(cell.hasPrefix("\"'=HYPERLINK") || cell.hasPrefix("'=HYPERLINK"))
    }

    @Test("every text reads back unchanged through write and parse")
    func roundTrip() throws {
        let rows = [["value"]] + (Self.dangerous + Self.harmless).map { [$0] }
        let parsed = try CSVText.parse(CSVText.write(rows)).map(\.fields)
        // A blank row is skipped by the parser: compare without the empty cell.
        #expect(parsed == rows.filter { $0 != [""] })
        for text in Self.dangerous + Self.harmless {
            #expect(CSVFormulaGuard.restored(CSVFormulaGuard.neutralised(text)) == text, "\(text)")
        }
    }
}
