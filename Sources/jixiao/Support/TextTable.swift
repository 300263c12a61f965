/// A plain-text table for the terminal: columns aligned by display width (CJK counts two),
/// long cells wrapped inside their column, numbers right-aligned where asked.
///
/// ```swift
/// var table = TextTable(["id", "名称"])
/// table.append(["1", "和政县就业服务中心"])
/// print(table.render())
/// ```
struct TextTable {
    /// One column: its heading, alignment and the widest it may grow before wrapping.
    struct Column {
        var title: String
        var rightAligned: Bool
        var maxWidth: Int?

        init(_ title: String, right: Bool = false, maxWidth: Int? = nil) {
            self.title = title
            self.rightAligned = right
            self.maxWidth = maxWidth
        }
    }

    var columns: [Column]
    var rows: [[String]] = []
    /// Print the heading row and its rule.
    var showsHeader = true
    /// Spaces between columns.
    var gap = 2

    init(_ columns: [Column]) { self.columns = columns }

    init(_ titles: [String]) { self.columns = titles.map { Column($0) } }

    /// Adds a row; missing cells are empty, extra cells are ignored.
    mutating func append(_ cells: [String]) {
        self.rows.append((0..<self.columns.count).map { $0 < cells.count ? Self.clean(cells[$0]) : "" })
    }

    /// The table as lines of text, without trailing spaces, ending in a newline.
    func render() -> String {
        let widths = self.columnWidths()
        var lines: [String] = []
        if self.showsHeader {
            lines.append(self.line(self.columns.map(\.title), widths))
            lines.append(self.line(widths.map { String(repeating: "-", count: $0) }, widths))
        }
        for row in self.rows {
            let wrapped = row.enumerated().map { index, cell in DisplayWidth.wrapped(cell, width: widths[index]) }
            let height = wrapped.map(\.count).max() ?? 1
            for lineIndex in 0..<height {
                lines.append(self.line(wrapped.map { lineIndex < $0.count ? $0[lineIndex] : "" }, widths))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func columnWidths() -> [Int] {
        self.columns.enumerated().map { index, column in
            let widest = self.rows.map { DisplayWidth.of($0[index]) }.max() ?? 0
            let natural = max(widest, self.showsHeader ? DisplayWidth.of(column.title) : 0)
            return column.maxWidth.map { min(natural, max($0, 1)) } ?? natural
        }
    }

    private func line(_ cells: [String], _ widths: [Int]) -> String {
        let gap = String(repeating: " ", count: self.gap)
        let padded = cells.enumerated().map { index, cell in
            DisplayWidth.padded(cell, to: widths[index], right: self.columns[index].rightAligned)
        }
        var text = padded.joined(separator: gap)
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Tabs and line breaks would break the layout: they become spaces.
    static func clean(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
