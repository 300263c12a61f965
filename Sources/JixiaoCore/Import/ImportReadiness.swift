/// Whether a parsed document can be imported at all: the rule the service applies before it
/// touches the database, and the whole answer of a command-line dry run (which needs no
/// acting user and no database, so it answers the same with and without one).
public enum ImportReadiness {
    /// Why a document cannot be imported: a stable code and a message naming the line.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        /// `no-tables`, `missing-unit` or `missing-fiscal-year`.
        public var code: ErrorCode
        /// What is missing and where (`source line N`).
        public var message: String

        /// `code: message`
        public var description: String { "\(self.code): \(self.message)" }
    }

    /// The first reason `document` (read from `source`, a file name for messages) cannot be
    /// imported, or nil: it has at least one table, and each names its unit and fiscal year.
    public static func refusal(_ document: SeedDocument, source: String) -> Refusal? {
        guard !document.tables.isEmpty else {
            return Refusal(code: .noTables, message: "\(source) contains no target table (no line with a title such as 项目支出绩效目标表)")
        }
        for table in document.tables {
            if table.unitName == nil {
                return Refusal(
                    code: .missingUnit,
                    message: "\(source) line \(table.sourceLine): the table 「\(table.title)」 names no unit (部门（单位） or 项目实施单位)"
                )
            }
            if table.fiscalYear == nil {
                return Refusal(
                    code: .missingFiscalYear,
                    message: "\(source) line \(table.sourceLine): the table 「\(table.title)」 has no fiscal year (e.g. （2025年度）)"
                )
            }
        }
        return nil
    }
}
