/// RFC 4180 CSV, as Excel reads and writes it: fields separated by commas, quoted with `"` when
/// they hold a comma, quote or line break, rows ended by CRLF, and a UTF-8 byte order mark so
/// that Excel opens Chinese text correctly. Cells a spreadsheet would run as formulas are
/// written as text and read back unchanged (`CSVFormulaGuard`).
public enum CSVText {
    /// The UTF-8 byte order mark.
    public static let byteOrderMark = "\u{FEFF}"

    /// Writes rows as CSV text (with the byte order mark and CRLF line ends).
    public static func write(_ rows: [[String]]) -> String {
        var text = self.byteOrderMark
        for row in rows {
            text += row.map { self.quote(CSVFormulaGuard.neutralised($0)) }.joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.hasPrefix(" ") || field.hasSuffix(" ") else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A parsed row with the (1-based) line it starts on.
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    /// A CSV syntax error with its line.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(self.line): \(self.message)" }
    }

    /// Parses CSV text (a leading byte order mark, CRLF or LF line ends, quoted fields with
    /// embedded commas, quotes and line breaks). Blank lines are skipped. Cells come back as
    /// they were before `write` (the formula escape removed).
    public static func parse(_ text: String) throws(SyntaxError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var rowLine = 1
        var inQuotes = false
        var afterQuote = false
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return iterator.next()
        }
        func endRow() {
            fields.append(CSVFormulaGuard.restored(field))
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowLine, fields: fields)) }
            fields = []
            field = ""
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            afterQuote = true
                            pending = following
                        }
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(CSVFormulaGuard.restored(field))
                field = ""
                afterQuote = false
            case "\r":
                continue
            case "\n":
                endRow()
                afterQuote = false
                line += 1
                rowLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw SyntaxError(line: line, message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                }
                inQuotes = true
            default:
                guard !afterQuote else {
                    throw SyntaxError(line: line, message: "text after the closing quote of a field")
                }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw SyntaxError(line: rowLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }
}
