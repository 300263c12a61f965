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
                let unitName = try conn.first(Statements.UnitName(id: table.unitID))!
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
            throw ServiceError.invalid("CSV \(error.description)", code: .csvInvalid)
        }
        try InputLimitChecks.count(edits.count, items: "indicator rows in one import", limit: InputLimits.indicatorsPerImport)
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
                        try conn.run(Statements.AuditLock(tableID: edit.tableID))
                        let next = try conn.first(Statements.NextIndicatorPosition(tableID: edit.tableID))!
                        let input = IndicatorInput(edit.fields)
                        try Self.insertIndicators(conn, tableID: edit.tableID, inputs: [input], firstPosition: next)
                        let added = try conn.first(Statements.IndicatorAtPosition(tableID: edit.tableID, position: next))!
                        outcome.added.append((edit.line, added))
                        continue
                    }
                    let current = try Self.currentIndicator(conn, tableID: edit.tableID, indicatorID: indicatorID)
                    let change = IndicatorChange(from: current.fields, to: edit.fields)
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
}
