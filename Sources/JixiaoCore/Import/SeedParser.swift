/// Reads the source-document text format (`seeds/*.txt`): target tables as text extracted from
/// PDF/Excel, tab-separated cells, one table row per line.
///
/// Every non-blank line ends up somewhere: in a table's title, header, goals or indicators, or
/// in a `ParseIssue` with its line number (`SeedDocument.lines` records which). Nothing is
/// dropped silently, and the parser never fails: what it cannot read, it reports.
public enum SeedParser {
    /// Parses a whole document. Pure: no I/O, the same text always gives the same document.
    public static func parse(_ text: String) -> SeedDocument {
        let lines = SeedText.lines(text)
        var tables: [ParsedTable] = []
        var current: SeedTableReader?
        var currentYear: Int?
        var roles: [SeedLine] = []
        var issues: [ParseIssue] = []

        var index = 0
        while index < lines.count {
            let number = index + 1
            let cells = SeedText.cells(lines[index])
            let filled = cells.filter { !$0.isEmpty }
            index += 1
            if filled.isEmpty { continue }

            if filled.count == 1, let kind = self.titleKind(filled[0]) {
                if self.isContinuation(filled[0]), current?.kind == kind {
                    // 续表: the same table goes on after a page break.
                    roles.append(SeedLine(number: number, role: .title, table: tables.count))
                    current?.lastLine = number
                    if let yearLine = self.yearLine(after: index, in: lines) {
                        roles.append(SeedLine(number: yearLine.number, role: .fiscalYear, table: tables.count))
                        index = yearLine.number
                    }
                    continue
                }
                if current != nil {
                    tables.append(current!.finish(fiscalYear: currentYear))
                }
                var title = filled[0]
                roles.append(SeedLine(number: number, role: .title, table: tables.count))
                if let yearLine = self.yearLine(after: index, in: lines) {
                    title += yearLine.text
                    roles.append(SeedLine(number: yearLine.number, role: .fiscalYear, table: tables.count))
                    index = yearLine.number
                }
                current = SeedTableReader(kind: kind, title: title, titleLine: number)
                currentYear = SeedText.fiscalYear(in: title)
                continue
            }

            if current != nil {
                let role = current!.read(cells, line: number)
                roles.append(SeedLine(number: number, role: role, table: tables.count))
            } else if filled.count == 1, SeedText.isCaption(filled[0]) {
                roles.append(SeedLine(number: number, role: .caption, table: nil))
            } else {
                issues.append(
                    ParseIssue(
                        .textOutsideTable,
                        "'\(filled.joined(separator: " | "))' stands before the first table title; not imported",
                        line: number
                    )
                )
                roles.append(SeedLine(number: number, role: .reported, table: nil))
            }
        }
        if current != nil {
            tables.append(current!.finish(fiscalYear: currentYear))
        }
        let aliases = SeedUnitResolver.resolve(&tables)
        return SeedDocument(tables: tables, issues: issues, lines: roles, unitAliases: aliases)
    }

    /// The kind of a table title standing alone on its line, else nil.
    static func titleKind(_ cell: String) -> TableKind? {
        guard cell.count <= 120, !cell.contains("。"), !cell.contains("；") else { return nil }
        return TableKind.detect(inTitle: cell)
    }

    /// `（续）`, `续表`: a title repeated over the rest of a table after a page break.
    static func isContinuation(_ title: String) -> Bool {
        let key = SeedText.key(title)
        return key.contains("续表") || key.contains("(续)")
    }

    /// The year line (`（2025年度）`) among the next few lines after a title (blank lines skipped), if any.
    private static func yearLine(after index: Int, in lines: [Substring]) -> (number: Int, text: String)? {
        var next = index
        while next < lines.count, next < index + 3 {
            let filled = SeedText.cells(lines[next]).filter { !$0.isEmpty }
            if filled.isEmpty {
                next += 1
                continue
            }
            if filled.count == 1, SeedText.isYearLine(filled[0]) { return (next + 1, filled[0]) }
            return nil
        }
        return nil
    }
}
