import Foundation
import JixiaoCore
import PQ

extension JixiaoService {
    /// What changed in a table from one state to another (anyone who may read the table):
    /// since its last submission, since its approved revision, or between two revisions.
    /// The states are read in one snapshot; `TableComparison` (Core) compares them.
    public func tableDiff(_ caller: Caller, id: Int64, from: DiffPoint, to: DiffPoint = .current) async throws -> TableDiff {
        try await self.database.read { conn in
            let current = try Self.loadReadable(conn, caller, id: id).table
            let older = try Self.state(conn, current, at: from)
            let newer = try Self.state(conn, current, at: to)
            return TableDiff(tableID: id, from: older.end, to: newer.end, difference: TableComparison.compare(older.table, newer.table))
        }
    }

    /// The table at `point`, and how that point resolved.
    private static func state(_ conn: Connection, _ current: TargetTable, at point: DiffPoint) throws -> (table: TargetTable, end: DiffEnd) {
        let id = current.id
        switch point {
        case .current:
            return (current, DiffEnd(point: "current", revision: current.revision))
        case .revision(let revision):
            guard (1...current.revision).contains(revision) else {
                throw ServiceError.notFound("revision \(revision) of table \(id) (revisions 1…\(current.revision) exist)")
            }
            let table = try Self.rebuild(conn, id: id, at: .revision(revision), missing: "revision \(revision) of table \(id)")
            return (table, DiffEnd(point: "revision", revision: revision))
        case .approved:
            guard let revision = try conn.first(Statements.LatestApprovedRevision(tableID: id)) ?? nil else {
                throw ServiceError.notFound("an approved revision of table \(id)")
            }
            let table = try Self.rebuild(conn, id: id, at: .revision(revision), missing: "revision \(revision) of table \(id)")
            return (table, DiffEnd(point: "approved", revision: revision))
        case .lastSubmission:
            // In review (or approved) the table is its latest submission: compare with the one before.
            let skip = current.status.holdsSubmittedContent ? 1 : 0
            guard let submission = try conn.first(Statements.LastSubmission(tableID: id, skip: skip)) else {
                throw ServiceError.notFound("a submission of table \(id)")
            }
            let table = try Self.rebuild(conn, id: id, at: .seq(submission.seq), missing: "the submission of table \(id)")
            return (table, DiffEnd(point: "submission", revision: submission.revision, at: submission.at))
        }
    }
}
