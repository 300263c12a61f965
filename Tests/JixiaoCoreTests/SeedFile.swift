import Foundation

@testable import JixiaoCore

/// The real source document (`ProjectPath.seed`), parsed once.
enum SeedFile {
    /// `<repo>/Deploy/samples/targets-2025.txt`.
    static let url: URL = ProjectPath.seed

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
