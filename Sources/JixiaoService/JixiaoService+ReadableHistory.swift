import Foundation
import JixiaoCore

extension JixiaoService {
    /// The audit trail as people read it (`HistoryStep`), newest first: one row per change,
    /// one per workflow step, fields old → new, indicators by name, people by login and name.
    /// Reads what `history` reads (same permissions, same `limit` of audit rows), plus the
    /// people named, in the same snapshot.
    public func readableHistory(
        _ caller: Caller,
        _ query: HistoryQuery,
        since: Date? = nil,
        until: Date? = nil,
        limit: Int = 1000
    ) async throws -> [HistoryStep] {
        let limit = max(1, min(limit, 100_000))
        let (entries, people) = try await self.database.read { conn in
            let entries = try Self.history(conn, caller, query, since: since, until: until, limit: limit)
            let logins = Array(Set(entries.map(\.actor))).sorted()
            return (entries, try conn.rows(Statements.PeopleByLogin(logins: logins)))
        }
        return try HistoryStep.steps(entries, people: Dictionary(people.map { ($0.login, $0) }, uniquingKeysWith: { first, _ in first }))
    }
}
