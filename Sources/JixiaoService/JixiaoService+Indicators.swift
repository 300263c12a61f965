import JixiaoCore
import PQ

extension JixiaoService {
    /// Adds an indicator to a draft or returned table, at `position` (1-based; default: last).
    public func addIndicator(_ caller: Caller, tableID: Int64, _ input: IndicatorInput, position: Int? = nil, reason: String) async throws -> Indicator {
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.execute("SELECT audit_lock($1)", [tableID])
            let count = try conn.query("SELECT count(*)::int AS n FROM indicator WHERE table_id = $1", [tableID]).first!.decode(Int.self, "n")
            let target = position ?? count + 1
            guard (1...count + 1).contains(target) else {
                throw ServiceError.invalid("position \(target) is outside 1…\(count + 1)")
            }
            try conn.execute("UPDATE indicator SET position = position + 1 WHERE table_id = $1 AND position >= $2", [tableID, target])
            try Self.insertIndicators(conn, tableID: tableID, inputs: [input], firstPosition: target)
            return try Rows.indicator(conn.query(
                "SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 AND position = $2", [tableID, target]).first!)
        }
    }

    /// Changes fields of one indicator, if it is still at `expectVersion`; otherwise a conflict
    /// that carries the indicator's current state. Edits of different indicators of one table
    /// never conflict.
    public func updateIndicator(_ caller: Caller, tableID: Int64, indicatorID: Int64, expectVersion: Int,
                                _ change: IndicatorChange, reason: String) async throws -> Indicator {
        guard !change.isEmpty else { throw ServiceError.invalid("nothing to change: give a value, unit, comparator or text") }
        return try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            return try Self.applyChange(conn, tableID: tableID, indicatorID: indicatorID, expectVersion: expectVersion, change)
        }
    }

    /// The version-checked UPDATE of one indicator, inside the caller's transaction (after the
    /// permission check).
    static func applyChange(_ conn: Connection, tableID: Int64, indicatorID: Int64, expectVersion: Int, _ change: IndicatorChange) throws -> Indicator {
        // The table's chain lock before the indicator's row lock, as every writer of several
        // indicators does: otherwise this row lock and a reorder's chain lock deadlock
        // (40P01, broken only after deadlock_timeout). Writers of one table queue on the chain
        // lock at the UPDATE anyway, so taking it first costs no concurrency.
        try conn.queryPrepared("audit_lock", sql: "SELECT audit_lock($1)", [tableID])
        let current = try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID)
        guard current.version == expectVersion else { throw Self.conflict(current, expected: expectVersion) }
        let next = change.applied(to: current)
        let row = try conn.queryPrepared("update_indicator", sql: """
            UPDATE indicator SET level1 = $3, level2 = $4, level3 = $5, comparator = $6, value = $7, numeric_value = $8,
                   unit_of_measure = $9, content = $10, remark = $11
            WHERE id = $1 AND version = $2 RETURNING \(Rows.indicatorColumns)
            """, [indicatorID, expectVersion, next.level1, next.level2, next.level3, next.comparator?.rawValue, next.value,
                  Self.numeric(next.value), next.unitOfMeasure, next.content, next.remark]).first
        // A concurrent writer committed between our read and our update.
        guard let row else { throw Self.conflict(try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID), expected: expectVersion) }
        return try Rows.indicator(row)
    }

    /// Moves an indicator to `position` (1-based), shifting the ones in between.
    public func moveIndicator(_ caller: Caller, tableID: Int64, indicatorID: Int64, expectVersion: Int, to position: Int, reason: String) async throws -> [Indicator] {
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.execute("SELECT audit_lock($1)", [tableID])
            let current = try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID)
            guard current.version == expectVersion else { throw Self.conflict(current, expected: expectVersion) }
            let count = try conn.query("SELECT count(*)::int AS n FROM indicator WHERE table_id = $1", [tableID]).first!.decode(Int.self, "n")
            guard (1...count).contains(position) else { throw ServiceError.invalid("position \(position) is outside 1…\(count)") }
            if position != current.position {
                try conn.execute("""
                    UPDATE indicator SET position = CASE
                        WHEN id = $2 THEN $4
                        WHEN $4 < $3 THEN position + 1
                        ELSE position - 1 END
                    WHERE table_id = $1 AND position BETWEEN least($3, $4) AND greatest($3, $4)
                    """, [tableID, indicatorID, current.position, position])
            }
            return try conn.query("SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 ORDER BY position", [tableID]).map(Rows.indicator)
        }
    }

    /// Removes an indicator (at `expectVersion`) and closes the gap in positions.
    public func removeIndicator(_ caller: Caller, tableID: Int64, indicatorID: Int64, expectVersion: Int, reason: String) async throws {
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.execute("SELECT audit_lock($1)", [tableID])
            let current = try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID)
            guard current.version == expectVersion else { throw Self.conflict(current, expected: expectVersion) }
            try conn.execute("DELETE FROM indicator WHERE id = $1", [indicatorID])
            try conn.execute("UPDATE indicator SET position = position - 1 WHERE table_id = $1 AND position > $2", [tableID, current.position])
        }
    }

    // MARK: shared

    /// Checks that the caller may change the content of `tableID` now, holding a share lock on
    /// the table row so that no workflow transition happens mid-edit.
    static func editableScope(_ conn: Connection, _ caller: Caller, tableID: Int64) throws -> TableScope {
        let row = try conn.queryPrepared("table_scope", sql: "SELECT unit_id, supervising_unit_id, status FROM target_table WHERE id = $1 FOR SHARE", [tableID]).first
        guard let row, let status = TableStatus(rawValue: try row.decode(String.self, "status")) else {
            throw ServiceError.notFound("table \(tableID)")
        }
        let scope = TableScope(unitID: try row.decode(Int64.self, "unit_id"), supervisingUnitID: try row.decode(Int64.self, "supervising_unit_id"), status: status)
        guard Permissions.canRead(scope: scope, actor: caller.actor).isAllowed else { throw ServiceError.notFound("table \(tableID)") }
        if let refusal = Permissions.canEditContent(scope: scope, actor: caller.actor).refusal { throw ServiceError(refusal) }
        return scope
    }

    static func currentIndicator(_ conn: Connection, tableID: Int64, indicatorID: Int64) throws -> Indicator {
        guard let row = try conn.queryPrepared("current_indicator", sql: "SELECT \(Rows.indicatorColumns) FROM indicator WHERE id = $1 AND table_id = $2", [indicatorID, tableID]).first else {
            throw ServiceError.notFound("indicator \(indicatorID) of table \(tableID)")
        }
        return try Rows.indicator(row)
    }

    static func conflict(_ current: Indicator, expected: Int) -> ServiceError {
        ServiceError(.conflict, "version-conflict",
                     "indicator \(current.id) (\(current.displayName)) was changed by someone else: you read version \(expected), it is now \(current.version)",
                     current: .indicator(current))
    }
}
