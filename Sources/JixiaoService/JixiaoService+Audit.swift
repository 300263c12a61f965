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
            try Self.history(conn, caller, query, since: since, until: until, limit: limit)
        }
    }

    /// The audit rows of `query` the caller may read, inside the caller's read.
    static func history(_ conn: Connection, _ caller: Caller, _ query: HistoryQuery, since: Date?, until: Date?, limit: Int) throws -> [AuditEntry] {
        let subject: Statements.AuditHistory.Subject
        switch query {
        case .table(let id):
            _ = try Self.loadReadable(conn, caller, id: id)
            subject = .table(id)
        case .indicator(let id):
            guard let tableID = try conn.first(Statements.AuditTableOfIndicator(indicatorID: id)) else {
                throw ServiceError.notFound("indicator \(id)")
            }
            if (try? Self.loadReadable(conn, caller, id: tableID)) == nil,
                !Permissions.canReadAudit(actor: caller.actor).isAllowed
            {
                throw ServiceError.notFound("indicator \(id)")
            }
            subject = .indicator(id)
        case .actor(let login):
            try Self.requireAuditReader(caller)
            subject = .actor(login)
        case .all:
            try Self.requireAuditReader(caller)
            subject = .all
        }
        return try conn.rows(Statements.AuditHistory(subject: subject, since: since, until: until, limit: limit))
    }

    /// The table as it was at `time`, rebuilt from the audit trail.
    public func table(_ caller: Caller, id: Int64, asOf time: Date) async throws -> TargetTable {
        try await self.database.read { conn in
            _ = try Self.loadReadable(conn, caller, id: id)
            return try Self.rebuild(conn, id: id, at: .time(time), missing: "table \(id) did not exist at \(time)")
        }
    }

    /// The table as it was at the end of `revision`. An approved revision comes from its
    /// approval snapshot, exactly as approved (not from a replay of the trail); the current
    /// revision before its approval comes from the trail.
    public func table(_ caller: Caller, id: Int64, revision: Int) async throws -> TargetTable {
        try await self.database.read { conn in
            let current = try Self.loadReadable(conn, caller, id: id)
            guard (1...current.table.revision).contains(revision) else {
                throw ServiceError.notFound("revision \(revision) of table \(id) (revisions 1…\(current.table.revision) exist)")
            }
            if var approved = try conn.first(Statements.SnapshotTable(id: id, revision: revision)) {
                approved.indicators = try conn.rows(Statements.SnapshotIndicators(id: id, revision: revision))
                return approved
            }
            return try Self.rebuild(conn, id: id, at: .revision(revision), missing: "revision \(revision) of table \(id)")
        }
    }

    /// Indicator differences between two revisions of a table.
    public func diff(_ caller: Caller, id: Int64, fromRevision: Int, toRevision: Int) async throws -> [IndicatorDiff] {
        try await self.database.read { conn in
            let current = try Self.loadReadable(conn, caller, id: id)
            for revision in [fromRevision, toRevision] where !(1...current.table.revision).contains(revision) {
                throw ServiceError.notFound("revision \(revision) of table \(id) (revisions 1…\(current.table.revision) exist)")
            }
            return try conn.rows(Statements.RevisionDiff(id: id, fromRevision: fromRevision, toRevision: toRevision))
        }
    }

    /// Recomputes every hash chain (or one table's) and names the first broken row of each
    /// broken chain; empty means intact (auditor, admin).
    public func verifyAudit(_ caller: Caller, tableID: Int64? = nil) async throws -> [ChainProblem] {
        try Self.requireAuditReader(caller)
        return try await self.database.read { conn in
            try conn.rows(Statements.AuditVerify(tableID: tableID))
        }
    }

    // MARK: helpers

    static func requireAuditReader(_ caller: Caller) throws {
        if let refusal = Permissions.canReadAudit(actor: caller.actor).refusal { throw ServiceError(refusal) }
    }

    /// The table at a past point, rebuilt from the audit trail; "not found" (`missing`) when it
    /// did not exist then.
    static func rebuild(_ conn: Connection, id: Int64, at point: Statements.PastPoint, missing: String) throws -> TargetTable {
        guard var table = try conn.first(Statements.TableAsOf(id: id, point: point)) else {
            throw ServiceError.notFound(missing)
        }
        table.indicators = try conn.rows(Statements.IndicatorsAsOf(id: id, point: point))
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
