import Foundation

@testable import JixiaoCore

/// The real source document: the repository's copy of `shared/seeds/000_f6b97af974f3ec0e.txt`
/// (`Deploy/samples/targets-2025.txt`, byte for byte), so that the tests need nothing outside
/// the repository.
enum SeedFile {
    /// `<repo>/Deploy/samples/targets-2025.txt`, with `<repo>` three levels above this file.
    static let url: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // <repo>/Tests/JixiaoCoreTests
        .deletingLastPathComponent()  // <repo>/Tests
        .deletingLastPathComponent()  // <repo>
        .appendingPathComponent("Deploy/samples/targets-2025.txt")

    /// The seed text, or nil when the file is missing (tests then fail on `#require`).
    static let text: String? = try? String(contentsOf: url, encoding: .utf8)

    /// The seed, parsed once.
    static let document: SeedDocument? = text.map(SeedParser.parse)
}

/// The indicator read from source line `line` of `table`, if any.
func seedIndicator(_ table: ParsedTable, line: Int) -> Indicator? {
    table.indicators.first { $0.line == line }
}

/// `(code, line)` pairs of a table's findings, for exact expectations.
struct CodeAtLine: Hashable, CustomStringConvertible {
    let code: String
    let line: Int?

    init(_ code: String, _ line: Int?) {
        self.code = code
        self.line = line
    }

    var description: String { "\(self.code)@\(self.line.map(String.init) ?? "-")" }
}

func codesAtLines(_ findings: [SeedFinding]) -> [CodeAtLine] {
    findings.map { CodeAtLine($0.code, $0.line) }
}
