/// A problem the seed-text parser met while reading a document: what it could not read, or
/// read only with a guess, with the source line. Separate from `FindingCode` (the validation
/// catalogue of DESIGN §1.6): parse issues describe the document's text, not the table's content.
public struct ParseIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Stable parse-issue codes (part of the import's JSON output).
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// A line in the indicator list from which no indicator could be read; it is not imported.
        case unreadableRow = "unreadable-row"
        /// The 指标值类型 cell holds text that is no comparator; the indicator is kept without one.
        case unreadableComparator = "unreadable-comparator"
        /// A header figure (万元, 人数) or 是/否 cell that could not be read; the field is left empty.
        case unreadableValue = "unreadable-value"
        /// A header line with no known label; its text is not imported.
        case unreadableHeaderRow = "unreadable-header-row"
        /// A cell outside the columns the row was read by: kept in 备注 for an indicator (warning),
        /// not imported for a header row (error).
        case unexpectedCell = "unexpected-cell"
        /// An indicator row without a name (三级指标), comparator or value.
        case incompleteRow = "incomplete-row"
        /// A row with only level-1/level-2 names: they apply to the rows below; no indicator is read from it.
        case labelOnlyRow = "label-only-row"
        /// The comparator column and the comparator written in the value cell disagree; the column is kept.
        case comparatorDisagreement = "comparator-disagreement"
        /// Indicator rows without the 一级指标/二级指标/三级指标 header row; read with the kind's default columns.
        case missingIndicatorHeader = "missing-indicator-header"
        /// The table has no indicator rows at all.
        case noIndicators = "no-indicators"
        /// No fiscal year (e.g. （2025年度）) in the title.
        case missingFiscalYear = "missing-fiscal-year"
        /// The table's unit, project or fund name is not stated.
        case missingName = "missing-name"
        /// A header field stated twice with different values; the first is kept.
        case conflictingHeaderValue = "conflicting-header-value"
        /// Text before the first table title (document-level; not table content).
        case textOutsideTable = "text-outside-table"
    }

    /// Which problem.
    public var code: Code
    /// `error` where document content was not imported or a figure was lost; `warning` where it was read with a guess.
    public var severity: Severity
    /// English, quoting the cell text concerned.
    public var message: String
    /// 1-based source line; nil for table-level issues such as `no-indicators`.
    public var line: Int?

    /// An issue with an explicit severity.
    public init(code: Code, severity: Severity, message: String, line: Int?) {
        self.code = code
        self.severity = severity
        self.message = message
        self.line = line
    }

    /// An issue with the code's default severity.
    public init(_ code: Code, _ message: String, line: Int?) {
        self.init(code: code, severity: code.defaultSeverity, message: message, line: line)
    }

    /// `line N: code: message`
    public var description: String {
        let place = self.line.map { "line \($0): " } ?? ""
        return "\(place)\(self.code.rawValue): \(self.message)"
    }
}

extension ParseIssue.Code {
    /// Error where content was lost or a table cannot be imported as stated; warning where it was read with a guess.
    public var defaultSeverity: Severity {
        switch self {
        case .unreadableRow, .unreadableComparator, .unreadableValue, .unreadableHeaderRow, .noIndicators, .missingName:
            return .error
        case .unexpectedCell, .incompleteRow, .labelOnlyRow, .comparatorDisagreement,
            .missingIndicatorHeader, .missingFiscalYear, .conflictingHeaderValue, .textOutsideTable:
            return .warning
        }
    }
}
