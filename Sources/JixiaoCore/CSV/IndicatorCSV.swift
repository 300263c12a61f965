import Foundation

/// The CSV layout of indicators for Excel users: one row per indicator with its table's key
/// columns, exported by `jixiao export` and read back as edits.
///
/// Reading goes by column names, so a user may reorder or add columns; the informational
/// columns (`fiscal_year`, `unit`, `title`, `status`, `revision`, `position`) are ignored.
public enum IndicatorCSV {
    /// The exported columns, in order: the table's and the row's keys, then the content.
    public static let columns =
        [
            "table_id", "fiscal_year", "unit", "title", "status", "revision",
            "indicator_id", "indicator_version", "position",
        ] + IndicatorContent.Field.allCases.map(\.csvColumn)

    /// Columns an edit file must have.
    static let required = ["table_id", "indicator_id", "indicator_version"] + IndicatorContent.Field.allCases.map(\.csvColumn)

    /// CSV text (with BOM and header row) for `tables`, each with the name of its unit.
    public static func export(_ tables: [(table: TargetTable, unitName: String)]) -> String {
        var rows = [self.columns]
        for (table, unitName) in tables {
            for indicator in table.indicators {
                rows.append(
                    [
                        String(table.id), String(table.fiscalYear), unitName, table.title, table.status.rawValue, String(table.revision),
                        String(indicator.id), String(indicator.version), String(indicator.position),
                    ] + IndicatorContent.Field.allCases.map(indicator.fields.text)
                )
            }
        }
        return CSVText.write(rows)
    }

    /// One row read back: the indicator's content as the file has it.
    @dynamicMemberLookup
    public struct Edit: Sendable, Hashable {
        /// Line of the row in the file.
        public var line: Int
        public var tableID: Int64
        /// `nil` for a new row (empty `indicator_id`).
        public var indicatorID: Int64?
        /// The version the row was exported at; required for existing indicators.
        public var expectVersion: Int?
        /// The content cells.
        public var fields: IndicatorContent

        /// A content field, read as the row's own (`edit.value`).
        public subscript<Value>(dynamicMember keyPath: KeyPath<IndicatorContent, Value>) -> Value {
            self.fields[keyPath: keyPath]
        }
    }

    /// A problem in an edit file, naming the line and column.
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: String?
        public var message: String
        public var description: String {
            "line \(self.line)\(self.column.map { ", column \($0)" } ?? ""): \(self.message)"
        }
    }

    /// Reads an edit file; the first error stops reading (nothing is applied from a bad file).
    public static func readEdits(_ text: String) throws(ReadError) -> [Edit] {
        let rows: [CSVText.Row]
        do {
            rows = try CSVText.parse(text)
        } catch {
            throw ReadError(line: error.line, column: nil, message: error.message)
        }
        guard let header = rows.first else { throw ReadError(line: 1, column: nil, message: "the file is empty") }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            index[name.trimmingCharacters(in: .whitespaces).lowercased()] = position
        }
        if let missing = self.required.first(where: { index[$0] == nil }) {
            throw ReadError(
                line: header.line,
                column: missing,
                message: "the header row lacks the column \(missing) (export a table to see the layout)"
            )
        }
        var edits: [Edit] = []
        for row in rows.dropFirst() {
            func field(_ name: String) -> String {
                let position = index[name]!
                return position < row.fields.count ? row.fields[position] : ""
            }
            let tableText = field("table_id").trimmingCharacters(in: .whitespaces)
            guard let tableID = Int64(tableText), tableID > 0 else {
                throw ReadError(line: row.line, column: "table_id", message: "\"\(tableText)\" is not a table id")
            }
            let idText = field("indicator_id").trimmingCharacters(in: .whitespaces)
            var indicatorID: Int64?
            var version: Int?
            if !idText.isEmpty {
                guard let id = Int64(idText), id > 0 else {
                    throw ReadError(
                        line: row.line,
                        column: "indicator_id",
                        message: "\"\(idText)\" is not an indicator id (leave it empty for a new row)"
                    )
                }
                let versionText = field("indicator_version").trimmingCharacters(in: .whitespaces)
                guard let parsed = Int(versionText), parsed > 0 else {
                    throw ReadError(
                        line: row.line,
                        column: "indicator_version",
                        message:
                            "\"\(versionText)\" is not a version: keep the exported indicator_version so that edits made since are not overwritten"
                    )
                }
                indicatorID = id
                version = parsed
            }
            var fields = IndicatorContent()
            for contentField in IndicatorContent.Field.allCases {
                do {
                    try fields.setText(field(contentField.csvColumn), for: contentField)
                } catch {
                    throw ReadError(line: row.line, column: contentField.csvColumn, message: error.message)
                }
            }
            edits.append(Edit(line: row.line, tableID: tableID, indicatorID: indicatorID, expectVersion: version, fields: fields))
        }
        return edits
    }
}
