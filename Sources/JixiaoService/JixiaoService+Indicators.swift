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
            try conn.query(Self.auditLockStatement(tableID))
            let count = try conn.query("SELECT count(*)::int AS n FROM indicator WHERE table_id = $1", [tableID]).first!.decode(Int.self, "n")
            let target = position ?? count + 1
            guard (1...count + 1).contains(target) else {
                throw ServiceError.invalid("position \(target) is outside 1…\(count + 1)")
            }
            try conn.execute("UPDATE indicator SET position = position + 1 WHERE table_id = $1 AND position >= $2", [tableID, target])
            try Self.insertIndicators(conn, tableID: tableID, inputs: [input], firstPosition: target)
            return try Rows.indicator(
                conn.query(
                    "SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 AND position = $2",
                    [tableID, target]
                ).first!
            )
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
        // Two round trips: the table's scope (share-locked) and its chain lock travel with BEGIN;
        // the permission check runs here; the version-checked UPDATE travels with COMMIT.
        return try await self.database.write(
            actor: caller.login,
            reason: reason,
            opening: [Self.scopeStatement(tableID), Self.auditLockStatement(tableID)],
            closing: { opened in
                _ = try Self.checkEditable(opened[0].first, caller, tableID: tableID)
                return [Self.updateStatement(tableID: tableID, indicatorID: indicatorID, expectVersion: expectVersion, change)]
            },
            result: { conn, closed in
                if let row = closed[0].first { return try Rows.indicator(row) }
                // Nothing changed: the version moved on, or there is no such indicator.
                throw Self.conflict(try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID), expected: expectVersion)
            }
        )
    }

    /// The version-checked UPDATE of one indicator, inside the caller's transaction (after the
    /// permission check).
    static func applyChange(_ conn: Connection, tableID: Int64, indicatorID: Int64, expectVersion: Int, _ change: IndicatorChange) throws -> Indicator
    {
        // The table's chain lock before the indicator's row lock, as every writer of several
        // indicators does: otherwise this row lock and a reorder's chain lock deadlock
        // (40P01, broken only after deadlock_timeout). Writers of one table queue on the chain
        // lock at the UPDATE anyway, so taking it first costs no concurrency.
        try conn.query(Self.auditLockStatement(tableID))
        if let row = try conn.query(Self.updateStatement(tableID: tableID, indicatorID: indicatorID, expectVersion: expectVersion, change)).first {
            return try Rows.indicator(row)
        }
        throw Self.conflict(try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID), expected: expectVersion)
    }

    /// UPDATE of the fields `change` names, only at `expectVersion` (no row back otherwise).
    /// Fields it leaves out keep their stored value; the numeric form follows a new value.
    static func updateStatement(tableID: Int64, indicatorID: Int64, expectVersion: Int, _ change: IndicatorChange) -> PipelineStatement {
        PipelineStatement(
            prepared: "update_indicator",
            """
            UPDATE indicator SET level1 = coalesce($4, level1), level2 = coalesce($5, level2), level3 = coalesce($6, level3),
                   comparator = CASE WHEN $7 THEN $8 ELSE comparator END,
                   value = coalesce($9, value), numeric_value = CASE WHEN $9 IS NULL THEN numeric_value ELSE $10 END,
                   unit_of_measure = coalesce($11, unit_of_measure), content = coalesce($12, content), remark = coalesce($13, remark)
            WHERE id = $1 AND table_id = $2 AND version = $3 RETURNING \(Rows.indicatorColumns)
            """,
            [
                indicatorID, tableID, expectVersion, change.level1, change.level2, change.level3,
                change.comparator != nil, change.comparator??.rawValue, change.value, change.value.flatMap(Self.numeric),
                change.unitOfMeasure, change.content, change.remark,
            ]
        )
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
            try conn.query(Self.auditLockStatement(tableID))
            let current = try Self.currentIndicator(conn, tableID: tableID, indicatorID: indicatorID)
            guard current.version == expectVersion else { throw Self.conflict(current, expected: expectVersion) }
            let count = try conn.query("SELECT count(*)::int AS n FROM indicator WHERE table_id = $1", [tableID]).first!.decode(Int.self, "n")
            guard (1...count).contains(position) else { throw ServiceError.invalid("position \(position) is outside 1…\(count)") }
            if position != current.position {
                try conn.execute(
                    """
                    UPDATE indicator SET position = CASE
                        WHEN id = $2 THEN $4
                        WHEN $4 < $3 THEN position + 1
                        ELSE position - 1 END
                    WHERE table_id = $1 AND position BETWEEN least($3, $4) AND greatest($3, $4)
                    """,
                    [tableID, indicatorID, current.position, position]
                )
            }
            return try conn.query("SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 ORDER BY position", [tableID]).map(
                Rows.indicator
            )
        }
    }

    /// Removes an indicator (at `expectVersion`) and closes the gap in positions.
    public func removeIndicator(_ caller: Caller, tableID: Int64, indicatorID: Int64, expectVersion: Int, reason: String) async throws {
        _ = try ServiceError.requireReason(reason, for: "removing an indicator")
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            _ = try Self.editableScope(conn, caller, tableID: tableID)
            try conn.query(Self.auditLockStatement(tableID))
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
        try self.checkEditable(try conn.query(self.scopeStatement(tableID)).first, caller, tableID: tableID)
    }

    /// The table's owner, supervisor and status, share-locked.
    static func scopeStatement(_ tableID: Int64) -> PipelineStatement {
        PipelineStatement(prepared: "table_scope", "SELECT unit_id, supervising_unit_id, status FROM target_table WHERE id = $1 FOR SHARE", [tableID])
    }

    /// The table's audit-chain lock (see `applyChange` for why it comes first).
    static func auditLockStatement(_ tableID: Int64) -> PipelineStatement {
        PipelineStatement(prepared: "audit_lock", "SELECT audit_lock($1)", [tableID])
    }

    /// The permission check on a `scopeStatement` row (`nil`: no such table).
    static func checkEditable(_ row: PQRow?, _ caller: Caller, tableID: Int64) throws -> TableScope {
        guard let row, let status = TableStatus(rawValue: try row.decode(String.self, "status")) else {
            throw ServiceError.notFound("table \(tableID)")
        }
        let scope = TableScope(
            unitID: try row.decode(Int64.self, "unit_id"),
            supervisingUnitID: try row.decode(Int64.self, "supervising_unit_id"),
            status: status
        )
        guard Permissions.canRead(scope: scope, actor: caller.actor).isAllowed else { throw ServiceError.notFound("table \(tableID)") }
        if let refusal = Permissions.canEditContent(scope: scope, actor: caller.actor).refusal { throw ServiceError(refusal) }
        return scope
    }

    static func currentIndicator(_ conn: Connection, tableID: Int64, indicatorID: Int64) throws -> Indicator {
        guard
            let row = try conn.queryPrepared(
                "current_indicator",
                sql: "SELECT \(Rows.indicatorColumns) FROM indicator WHERE id = $1 AND table_id = $2",
                [indicatorID, tableID]
            ).first
        else {
            throw ServiceError.notFound("indicator \(indicatorID) of table \(tableID)")
        }
        return try Rows.indicator(row)
    }

    static func conflict(_ current: Indicator, expected: Int) -> ServiceError {
        ServiceError(
            .conflict,
            "version-conflict",
            "indicator \(current.id) (\(current.displayName)) was changed by someone else: you read version \(expected), it is now \(current.version)",
            current: .indicator(current)
        )
    }
}
