import Foundation
import JixiaoCore
import PQ

extension JixiaoService {
    /// The audit trail, newest first: of one table or indicator (anyone who may read the
    /// table), or by actor / everything in a time range (auditor, finance, admin).
    public func history(
        _ caller: Caller,
        _ query: HistoryQuery,
        since: Date? = nil,
        until: Date? = nil,
        limit: Int = 1000
    ) async throws -> [AuditEntry] {
        let limit = max(1, min(limit, 100_000))
        return try await self.database.read { conn in
            let rows: QueryResult
            let columns = """
                table_id, seq, entity, op, indicator_id, old_values::text AS old_values, new_values::text AS new_values,
                changed_fields, actor, reason, table_status, table_revision, changed_at, txid
                """
            switch query {
            case .table(let id):
                _ = try Self.loadReadable(conn, caller, id: id)
                rows = try conn.query(
                    """
                    SELECT \(columns) FROM audit_log WHERE table_id = $1
                      AND ($2::timestamptz IS NULL OR changed_at >= $2) AND ($3::timestamptz IS NULL OR changed_at < $3)
                    ORDER BY seq DESC LIMIT $4
                    """,
                    [id, since, until, limit]
                )
            case .indicator(let id):
                guard let tableRow = try conn.query("SELECT table_id FROM audit_log WHERE indicator_id = $1 LIMIT 1", [id]).first else {
                    throw ServiceError.notFound("indicator \(id)")
                }
                let tableID = try tableRow.decode(Int64.self, "table_id")
                if (try? Self.loadReadable(conn, caller, id: tableID)) == nil,
                    !Permissions.canReadAudit(actor: caller.actor).isAllowed
                {
                    throw ServiceError.notFound("indicator \(id)")
                }
                rows = try conn.query(
                    """
                    SELECT \(columns) FROM audit_log WHERE indicator_id = $1
                      AND ($2::timestamptz IS NULL OR changed_at >= $2) AND ($3::timestamptz IS NULL OR changed_at < $3)
                    ORDER BY seq DESC LIMIT $4
                    """,
                    [id, since, until, limit]
                )
            case .actor(let login):
                try Self.requireAuditReader(caller)
                rows = try conn.query(
                    """
                    SELECT \(columns) FROM audit_log WHERE actor = $1
                      AND ($2::timestamptz IS NULL OR changed_at >= $2) AND ($3::timestamptz IS NULL OR changed_at < $3)
                    ORDER BY changed_at DESC, table_id, seq DESC LIMIT $4
                    """,
                    [login, since, until, limit]
                )
            case .all:
                try Self.requireAuditReader(caller)
                rows = try conn.query(
                    """
                    SELECT \(columns) FROM audit_log
                    WHERE ($1::timestamptz IS NULL OR changed_at >= $1) AND ($2::timestamptz IS NULL OR changed_at < $2)
                    ORDER BY changed_at DESC, table_id, seq DESC LIMIT $3
                    """,
                    [since, until, limit]
                )
            }
            return try rows.map(Self.auditEntry)
        }
    }

    /// The table as it was at `time`, rebuilt from the audit trail.
    public func table(_ caller: Caller, id: Int64, asOf time: Date) async throws -> TargetTable {
        try await self.database.read { conn in
            _ = try Self.loadReadable(conn, caller, id: id)
            return try Self.rebuild(
                conn,
                id: id,
                header: "header_as_of($1, $2)",
                indicators: "indicators_as_of($1, $2)",
                [id, time],
                missing: "table \(id) did not exist at \(time)"
            )
        }
    }

    /// The table as it was at the end of `revision` (for an approved revision: exactly as approved).
    public func table(_ caller: Caller, id: Int64, revision: Int) async throws -> TargetTable {
        try await self.database.read { conn in
            let current = try Self.loadReadable(conn, caller, id: id)
            guard (1...current.table.revision).contains(revision) else {
                throw ServiceError.notFound("revision \(revision) of table \(id) (revisions 1…\(current.table.revision) exist)")
            }
            return try Self.rebuild(
                conn,
                id: id,
                header: "header_as_of_revision($1, $2::int)",
                indicators: "indicators_as_of_revision($1, $2::int)",
                [id, revision],
                missing: "revision \(revision) of table \(id)"
            )
        }
    }

    /// Indicator differences between two revisions of a table.
    public func diff(_ caller: Caller, id: Int64, fromRevision: Int, toRevision: Int) async throws -> [IndicatorDiff] {
        try await self.database.read { conn in
            let current = try Self.loadReadable(conn, caller, id: id)
            for revision in [fromRevision, toRevision] where !(1...current.table.revision).contains(revision) {
                throw ServiceError.notFound("revision \(revision) of table \(id) (revisions 1…\(current.table.revision) exist)")
            }
            return try conn.query(
                """
                SELECT indicator_id, change, old::text AS old, new::text AS new, coalesce(changed_fields, '{}') AS changed_fields
                FROM revision_diff($1, $2::int, $3::int) ORDER BY indicator_id
                """,
                [id, fromRevision, toRevision]
            ).map { row in
                IndicatorDiff(
                    indicatorID: try row.decode(Int64.self, "indicator_id"),
                    change: try row.decode(String.self, "change"),
                    old: try row.decode(String?.self, "old"),
                    new: try row.decode(String?.self, "new"),
                    changedFields: try row.decode([String].self, "changed_fields")
                )
            }
        }
    }

    /// Recomputes every hash chain (or one table's) and names the first broken row of each
    /// broken chain; empty means intact (auditor, admin).
    public func verifyAudit(_ caller: Caller, tableID: Int64? = nil) async throws -> [ChainProblem] {
        try Self.requireAuditReader(caller)
        return try await self.database.read { conn in
            try conn.query("SELECT table_id, seq, reason FROM audit_verify($1) ORDER BY table_id", [tableID]).map { row in
                ChainProblem(
                    tableID: try row.decode(Int64.self, "table_id"),
                    seq: try row.decode(Int64?.self, "seq"),
                    reason: try row.decode(String.self, "reason")
                )
            }
        }
    }

    // MARK: helpers

    static func requireAuditReader(_ caller: Caller) throws {
        if let refusal = Permissions.canReadAudit(actor: caller.actor).refusal { throw ServiceError(refusal) }
    }

    private static func rebuild(
        _ conn: Connection,
        id: Int64,
        header: String,
        indicators: String,
        _ parameters: [(any PQEncodable)?],
        missing: String
    ) throws -> TargetTable {
        guard let row = try conn.query("SELECT \(Rows.tableColumns) FROM \(header)", parameters).first else {
            throw ServiceError.notFound(missing)
        }
        var table = try Rows.table(row).table
        table.indicators = try conn.query("SELECT \(Rows.indicatorColumns) FROM \(indicators) ORDER BY position", parameters).map(Rows.indicator)
        return table
    }

    static func auditEntry(_ row: PQRow) throws -> AuditEntry {
        AuditEntry(
            tableID: try row.decode(Int64.self, "table_id"),
            seq: try row.decode(Int64.self, "seq"),
            entity: try row.decode(String.self, "entity"),
            op: try row.decode(String.self, "op"),
            indicatorID: try row.decode(Int64?.self, "indicator_id"),
            oldValues: try row.decode(String?.self, "old_values"),
            newValues: try row.decode(String?.self, "new_values"),
            changedFields: try row.decode([String]?.self, "changed_fields"),
            actor: try row.decode(String.self, "actor"),
            reason: try row.decode(String?.self, "reason"),
            tableStatus: try row.decode(String?.self, "table_status"),
            tableRevision: try row.decode(Int?.self, "table_revision"),
            changedAt: try row.decode(Date.self, "changed_at"),
            transactionID: try row.decode(Int64.self, "txid")
        )
    }
}
