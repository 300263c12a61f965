import Foundation
import JixiaoCore
import PQ

/// What reading an edited CSV back did.
public struct CSVImportOutcome: Sendable {
    /// Indicators whose content changed (line of the row, the indicator after the change).
    public var changed: [(line: Int, indicator: Indicator)]
    /// Rows without an indicator id, added at the end of their table.
    public var added: [(line: Int, indicator: Indicator)]
    /// Rows identical to the stored indicator.
    public var unchanged: Int
}

extension JixiaoService {
    /// The indicators of `tableIDs` as CSV for Excel (UTF-8 with BOM, one row per indicator with
    /// its table's key columns). Tables the caller may not read are "not found".
    public func exportCSV(_ caller: Caller, tableIDs: [Int64]) async throws -> String {
        guard !tableIDs.isEmpty else { throw ServiceError.invalid("name at least one table to export") }
        return try await self.database.read { conn in
            var tables: [(table: TargetTable, unitName: String)] = []
            for id in tableIDs {
                let table = try Self.loadReadable(conn, caller, id: id).table
                let unitName = try conn.query("SELECT name FROM unit WHERE id = $1", [table.unitID]).first!.decode(String.self, "name")
                tables.append((table, unitName))
            }
            return IndicatorCSV.export(tables)
        }
    }

    /// Applies an edited CSV (as exported) in one transaction: rows that differ from the stored
    /// indicator become version-checked changes, rows without an indicator id are added, equal
    /// rows change nothing (so exporting and importing unchanged is no change at all). Rows
    /// missing from the file are not deleted. Any problem — a syntax error, a stale version, a
    /// table not in draft — refuses the whole file, naming the line.
    public func importCSV(_ caller: Caller, text: String, reason: String) async throws -> CSVImportOutcome {
        _ = try ServiceError.requireReason(reason, for: "editing indicators by CSV")
        let edits: [IndicatorCSV.Edit]
        do {
            edits = try IndicatorCSV.readEdits(text)
        } catch {
            throw ServiceError.invalid("CSV \(error.description)", code: "csv-invalid")
        }
        return try await self.database.write(actor: caller.login, reason: reason) { conn in
            var checked: Set<Int64> = []
            var outcome = CSVImportOutcome(changed: [], added: [], unchanged: 0)
            for edit in edits {
                do {
                    if !checked.contains(edit.tableID) {
                        _ = try Self.editableScope(conn, caller, tableID: edit.tableID)
                        checked.insert(edit.tableID)
                    }
                    guard let indicatorID = edit.indicatorID, let version = edit.expectVersion else {
                        try conn.query(Self.auditLockStatement(edit.tableID))
                        let next = try conn.query("SELECT coalesce(max(position), 0) + 1 AS p FROM indicator WHERE table_id = $1", [edit.tableID])
                            .first!.decode(Int.self, "p")
                        let input = IndicatorInput(
                            level1: edit.level1,
                            level2: edit.level2,
                            level3: edit.level3,
                            comparator: edit.comparator,
                            value: edit.value,
                            unitOfMeasure: edit.unitOfMeasure,
                            content: edit.content,
                            remark: edit.remark
                        )
                        try Self.insertIndicators(conn, tableID: edit.tableID, inputs: [input], firstPosition: next)
                        let added = try Rows.indicator(
                            conn.query("SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 AND position = $2", [edit.tableID, next])
                                .first!
                        )
                        outcome.added.append((edit.line, added))
                        continue
                    }
                    let current = try Self.currentIndicator(conn, tableID: edit.tableID, indicatorID: indicatorID)
                    let change = Self.difference(current, edit)
                    if change.isEmpty {
                        outcome.unchanged += 1
                        continue
                    }
                    let changed = try Self.applyChange(conn, tableID: edit.tableID, indicatorID: indicatorID, expectVersion: version, change)
                    outcome.changed.append((edit.line, changed))
                } catch var error as ServiceError {
                    error.message = "CSV line \(edit.line): \(error.message)"
                    throw error
                }
            }
            return outcome
        }
    }

    /// The fields of `edit` that differ from `current`.
    static func difference(_ current: Indicator, _ edit: IndicatorCSV.Edit) -> IndicatorChange {
        var change = IndicatorChange()
        if edit.level1 != current.level1 { change.level1 = edit.level1 }
        if edit.level2 != current.level2 { change.level2 = edit.level2 }
        if edit.level3 != current.level3 { change.level3 = edit.level3 }
        if edit.comparator != current.comparator { change.comparator = .some(edit.comparator) }
        if edit.value != current.value { change.value = edit.value }
        if edit.unitOfMeasure != current.unitOfMeasure { change.unitOfMeasure = edit.unitOfMeasure }
        if edit.content != current.content { change.content = edit.content }
        if edit.remark != current.remark { change.remark = edit.remark }
        return change
    }
}
