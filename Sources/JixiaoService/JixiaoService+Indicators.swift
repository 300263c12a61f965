import JixiaoCore
import PQ

extension JixiaoService {
    /// Adds an indicator to a draft or returned table, at `position` (1-based; default: last).
    public func addIndicator(
        _ caller: Caller,
        tableID: Int64,
        _ input: IndicatorInput,
        position: Int? = nil,
        reason: String
    ) async throws -> Indicator {
        _ = try ServiceError.requireReason(reason, for: "adding an indicator")
        return try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.run(Statements.AuditLock(tableID: tableID))
            let count = try conn.first(Statements.CountIndicators(tableID: tableID))!
            let target = position ?? count + 1
            guard (1...count + 1).contains(target) else {
                throw ServiceError.invalid("position \(target) is outside 1…\(count + 1)")
            }
            try conn.run(Statements.OpenIndicatorGap(tableID: tableID, position: target))
            try Self.insertIndicators(conn, tableID: tableID, inputs: [input], firstPosition: target)
            return try conn.first(Statements.IndicatorAtPosition(tableID: tableID, position: target))!
        }
    }

    /// Changes fields of one indicator, if it is still at `expectVersion`; otherwise a conflict
    /// that carries the indicator's current state. Edits of different indicators of one table
    /// never conflict.
    public func updateIndicator(
        _ caller: Caller,
        tableID: Int64,
        indicatorID: Int64,
        expectVersion: Int,
        _ change: IndicatorChange,
        reason: String
    ) async throws -> Indicator {
        _ = try ServiceError.requireReason(reason, for: "changing an indicator")
        guard !change.isEmpty else { throw ServiceError.invalid("nothing to change: give a value, unit, comparator or text") }
        try InputLimitChecks.change(change)
        let update = Statements.UpdateIndicator(tableID: tableID, indicatorID: indicatorID, expectVersion: expectVersion, change: change)
        // Two round trips: the table's scope (share-locked) and its chain lock travel with BEGIN;
        // the permission check runs here; the version-checked UPDATE travels with COMMIT.
        return try await self.database.write(
            actor: caller.login,
            reason: reason,
            opening: [Statements.TableScopeForShare(tableID: tableID).pipelined, Statements.AuditLock(tableID: tableID).pipelined],
            closing: { opened in
                _ = try Self.checkEditable(opened[0], caller, tableID: tableID)
                return [update.pipelined]
            },
            result: { conn, closed in
                if let updated = try update.first(closed[0]) { return updated }
                // Nothing changed: the version moved on, or there is no such indicator.
                throw Self.conflict(try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID), expected: expectVersion)
            }
        )
    }

    /// The version-checked UPDATE of one indicator, inside the caller's transaction (after the
    /// permission check).
    static func applyChange(_ conn: Connection, tableID: Int64, indicatorID: Int64, expectVersion: Int, _ change: IndicatorChange) throws -> Indicator
    {
        try InputLimitChecks.change(change)
        // The table's chain lock before the indicator's row lock, as every writer of several
        // indicators does: otherwise this row lock and a reorder's chain lock deadlock
        // (40P01, broken only after deadlock_timeout). Writers of one table queue on the chain
        // lock at the UPDATE anyway, so taking it first costs no concurrency.
        try conn.run(Statements.AuditLock(tableID: tableID))
        if let updated = try conn.first(
            Statements.UpdateIndicator(tableID: tableID, indicatorID: indicatorID, expectVersion: expectVersion, change: change)
        ) {
            return updated
        }
        throw Self.conflict(try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID), expected: expectVersion)
    }

    /// Moves an indicator to `position` (1-based), shifting the ones in between.
    public func moveIndicator(
        _ caller: Caller,
        tableID: Int64,
        indicatorID: Int64,
        expectVersion: Int,
        to position: Int,
        reason: String
    ) async throws -> [Indicator] {
        _ = try ServiceError.requireReason(reason, for: "moving an indicator")
        return try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.run(Statements.AuditLock(tableID: tableID))
            let current = try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID)
            guard current.version == expectVersion else { throw Self.conflict(current, expected: expectVersion) }
            let count = try conn.first(Statements.CountIndicators(tableID: tableID))!
            guard (1...count).contains(position) else { throw ServiceError.invalid("position \(position) is outside 1…\(count)") }
            if position != current.position {
                try conn.run(Statements.MoveIndicator(tableID: tableID, indicatorID: indicatorID, from: current.position, to: position))
            }
            return try conn.rows(Statements.LoadIndicators(tableID: tableID))
        }
    }

    /// Removes an indicator (at `expectVersion`) and closes the gap in positions.
    public func removeIndicator(_ caller: Caller, tableID: Int64, indicatorID: Int64, expectVersion: Int, reason: String) async throws {
        _ = try ServiceError.requireReason(reason, for: "removing an indicator")
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.run(Statements.AuditLock(tableID: tableID))
            let current = try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID)
            guard current.version == expectVersion else { throw Self.conflict(current, expected: expectVersion) }
            try conn.run(Statements.DeleteIndicator(indicatorID: indicatorID))
            try conn.run(Statements.CloseIndicatorGap(tableID: tableID, position: current.position))
        }
    }

    // MARK: shared

    /// Checks that the caller may change the content of `tableID` now, holding a share lock on
    /// the table row so that no workflow transition happens mid-edit.
    static func editableScope(_ conn: Connection, _ caller: Caller, tableID: Int64) throws -> TableScope {
        try self.checkEditable(try conn.query(Statements.TableScopeForShare(tableID: tableID).pipelined), caller, tableID: tableID)
    }

    /// The permission check on the result of `Statements.TableScopeForShare` (no row: no such table).
    static func checkEditable(_ result: QueryResult, _ caller: Caller, tableID: Int64) throws -> TableScope {
        guard let found = try Statements.TableScopeForShare(tableID: tableID).first(result), let scope = found else {
            throw ServiceError.notFound("table \(tableID)")
        }
        guard Permissions.canRead(scope: scope, actor: caller.actor).isAllowed else { throw ServiceError.notFound("table \(tableID)") }
        if let refusal = Permissions.canEditContent(scope: scope, actor: caller.actor).refusal { throw ServiceError(refusal) }
        return scope
    }

    static func currentIndicator(_ conn: Connection, tableID: Int64, indicatorID: Int64) throws -> Indicator {
        guard let current = try conn.first(Statements.CurrentIndicator(indicatorID: indicatorID, tableID: tableID)) else {
            throw ServiceError.notFound("indicator \(indicatorID) of table \(tableID)")
        }
        return current
    }

    static func conflict(_ current: Indicator, expected: Int) -> ServiceError {
        ServiceError(
            .conflict,
            .versionConflict,
            "indicator \(current.id) (\(current.displayName)) was changed by someone else: you read version \(expected), it is now \(current.version)",
            current: .indicator(current)
        )
    }
}
