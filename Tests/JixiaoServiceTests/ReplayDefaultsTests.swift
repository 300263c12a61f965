import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// Issue 12 item 7: adding a column never breaks `audit verify`. Old row images lack the new
/// key; replay fills it with the column's default, and no stored hash changes.
@Suite("Audit: a column added later does not break verification")
struct ReplayDefaultsTests {
    /// Every audit row's hash, in chain order.
    static func hashes(_ conn: Connection) throws -> [String] {
        try conn.query("SELECT encode(hash, 'hex') AS h FROM audit_log ORDER BY table_id, seq").map { try $0.decode(String.self, "h") }
    }

    @Test("tables, edits and an approved snapshot from before ADD COLUMN … DEFAULT still verify")
    func addColumnKeepsVerify() async throws {
        try await withFixture { f in
            let approved = try await f.centreTable(in: .approved)
            let draft = try await f.centreTable(in: .draft)
            let first = draft.indicators[0]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: draft.id,
                indicatorID: first.id,
                expectVersion: first.version,
                IndicatorChange(value: "150"),
                reason: "按财政意见修改"
            )
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
            let before = try await f.superuser { conn in try Self.hashes(conn) }

            let stale = try await f.superuser { conn -> Bool in
                try conn.execute("ALTER TABLE indicator ADD COLUMN note text NOT NULL DEFAULT '无'")
                try conn.execute("ALTER TABLE indicator ADD COLUMN score numeric(5, 2)")
                try conn.execute("ALTER TABLE target_table ADD COLUMN category text NOT NULL DEFAULT ''")
                // Without the defaults, the old images replay to NULL where the rows hold '无':
                // the failure this guards against is real.
                return try conn.query(
                    """
                    SELECT bool_or(i IS DISTINCT FROM jsonb_populate_record(NULL::indicator, a.new_values)) AS differs
                    FROM indicator i
                    JOIN LATERAL (SELECT new_values FROM audit_log WHERE indicator_id = i.id ORDER BY seq DESC LIMIT 1) a ON true
                    """
                ).first!.decode(Bool.self, "differs")
            }
            #expect(stale)

            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
            let after = try await f.superuser { conn in try Self.hashes(conn) }
            #expect(after == before)

            // Time travel fills the default too, and changes after the column behave as usual.
            let replayed = try await f.superuser { conn in
                try conn.query("SELECT note, score FROM indicators_as_of_revision($1, 1)", [approved.id]).map {
                    "\(try $0.decode(String.self, "note"))|\(try $0.decode(String?.self, "score") ?? "null")"
                }
            }
            #expect(replayed == Array(repeating: "无|null", count: approved.indicators.count))
            let revision1 = try await f.service.table(f.auditor, id: approved.id, revision: 1)
            #expect(revision1.indicators.map(\.value) == approved.indicators.map(\.value))
            try await f.superuser { conn in
                try conn.execute("UPDATE indicator SET note = '新' WHERE id = $1", [first.id])
            }
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }
}
