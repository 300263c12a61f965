import Foundation
import JixiaoCore
import PQ

extension Statements {
    /// How many indicators a table has.
    struct CountIndicators: PQStatement {
        var tableID: Int64
        var sql: String { "SELECT count(*)::int AS n FROM indicator WHERE table_id = $1" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
        func decodeRow(_ row: PQRow) throws -> Int { try row.decode(Int.self, "n") }
    }

    /// The position after a table's last indicator.
    struct NextIndicatorPosition: PQStatement {
        var tableID: Int64
        var sql: String { "SELECT coalesce(max(position), 0) + 1 AS p FROM indicator WHERE table_id = $1" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
        func decodeRow(_ row: PQRow) throws -> Int { try row.decode(Int.self, "p") }
    }

    /// Makes room at `position`: that indicator and the ones after it move down by one.
    struct OpenIndicatorGap: PQStatement {
        var tableID: Int64
        var position: Int
        var sql: String { "UPDATE indicator SET position = position + 1 WHERE table_id = $1 AND position >= $2" }
        var bindings: [(any PQEncodable)?] { [self.tableID, self.position] }
    }

    /// Closes the gap a removed indicator at `position` left: the ones after it move up by one.
    struct CloseIndicatorGap: PQStatement {
        var tableID: Int64
        var position: Int
        var sql: String { "UPDATE indicator SET position = position - 1 WHERE table_id = $1 AND position > $2" }
        var bindings: [(any PQEncodable)?] { [self.tableID, self.position] }
    }

    /// Inserts one indicator (its content columns from `IndicatorContent.Field`).
    struct InsertIndicator: PQStatement {
        var tableID: Int64
        var position: Int
        var input: IndicatorInput

        private static let text: String = {
            let columns = ["table_id", "position"] + IndicatorContent.Field.allCases.map(\.column) + ["numeric_value", "source_line"]
            let placeholders = (1...columns.count).map { "$\($0)" }
            return "INSERT INTO indicator (\(columns.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", ")))"
        }()

        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] {
            [self.tableID, self.position] + IndicatorContent.Field.allCases.map { Rows.bind($0, of: self.input.fields) }
                + [Statements.numeric(self.input.value), self.input.line]
        }
    }

    /// The indicator at `position` of a table.
    struct IndicatorAtPosition: PQStatement {
        var tableID: Int64
        var position: Int
        private static let text = "SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 AND position = $2"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.tableID, self.position] }
        func decodeRow(_ row: PQRow) throws -> Indicator { try Rows.indicator(row) }
    }

    /// One indicator of a table, by id.
    struct CurrentIndicator: PQStatement {
        var indicatorID: Int64
        var tableID: Int64
        private static let text = "SELECT \(Rows.indicatorColumns) FROM indicator WHERE id = $1 AND table_id = $2"
        var sql: String { Self.text }
        var preparedName: String? { "current_indicator" }
        var bindings: [(any PQEncodable)?] { [self.indicatorID, self.tableID] }
        func decodeRow(_ row: PQRow) throws -> Indicator { try Rows.indicator(row) }
    }

    /// A table's indicators in order.
    struct LoadIndicators: PQStatement {
        var tableID: Int64
        private static let text = "SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 ORDER BY position"
        var sql: String { Self.text }
        var preparedName: String? { "load_indicators" }
        var bindings: [(any PQEncodable)?] { [self.tableID] }
        func decodeRow(_ row: PQRow) throws -> Indicator { try Rows.indicator(row) }
    }

    /// UPDATE of the fields `change` names, only at `expectVersion` (no row back otherwise).
    /// Each content column takes its parameter when the change names it (a flag per field, so
    /// that a change may also clear a nullable field) and keeps its stored value otherwise;
    /// the numeric form follows a new value.
    struct UpdateIndicator: PQStatement {
        var tableID: Int64
        var indicatorID: Int64
        var expectVersion: Int
        var change: IndicatorChange

        private static let text: String = {
            // $1…$3: id, table, version; then a (flag, value) pair per field; then the numeric value.
            let fields = IndicatorContent.Field.allCases
            let assignments = fields.enumerated().map { index, field in
                "\(field.column) = CASE WHEN $\(4 + 2 * index) THEN $\(5 + 2 * index) ELSE \(field.column) END"
            }
            let valueFlag = 4 + 2 * fields.firstIndex(of: .value)!
            let numeric = "numeric_value = CASE WHEN $\(valueFlag) THEN $\(4 + 2 * fields.count) ELSE numeric_value END"
            return """
                UPDATE indicator SET \((assignments + [numeric]).joined(separator: ", "))
                WHERE id = $1 AND table_id = $2 AND version = $3 RETURNING \(Rows.indicatorColumns)
                """
        }()

        var sql: String { Self.text }
        var preparedName: String? { "update_indicator" }
        var bindings: [(any PQEncodable)?] {
            var values: [(any PQEncodable)?] = [self.indicatorID, self.tableID, self.expectVersion]
            for field in IndicatorContent.Field.allCases {
                let changes = self.change.changes(field)
                values.append(changes)
                values.append(changes ? Rows.bind(field, of: self.change.values) : nil)
            }
            values.append(self.change.changes(.value) ? Statements.numeric(self.change.values.value) : nil)
            return values
        }
        func decodeRow(_ row: PQRow) throws -> Indicator { try Rows.indicator(row) }
    }

    /// Moves indicator `indicatorID` from position `from` to `to`, shifting the ones between.
    struct MoveIndicator: PQStatement {
        var tableID: Int64
        var indicatorID: Int64
        var from: Int
        var to: Int
        var sql: String {
            """
            UPDATE indicator SET position = CASE
                WHEN id = $2 THEN $4
                WHEN $4 < $3 THEN position + 1
                ELSE position - 1 END
            WHERE table_id = $1 AND position BETWEEN least($3, $4) AND greatest($3, $4)
            """
        }
        var bindings: [(any PQEncodable)?] { [self.tableID, self.indicatorID, self.from, self.to] }
    }

    /// Deletes one indicator.
    struct DeleteIndicator: PQStatement {
        var indicatorID: Int64
        var sql: String { "DELETE FROM indicator WHERE id = $1" }
        var bindings: [(any PQEncodable)?] { [self.indicatorID] }
    }

    /// The exact numeric value of an indicator value text, when it is a number.
    static func numeric(_ value: String) -> PQNumeric? {
        FixedDecimal(value.trimmingCharacters(in: .whitespaces)).flatMap { PQNumeric($0.description) }
    }
}
