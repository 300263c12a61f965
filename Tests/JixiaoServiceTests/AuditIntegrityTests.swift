import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// Runs `sql` in a transaction that is rolled back, and returns the SQLSTATE it failed with.
func stateInRolledBackTransaction(_ conn: Connection, _ sql: String) -> String {
    _ = try? conn.execute("BEGIN")
    let state = sqlState { try conn.execute(sql) }
    _ = try? conn.execute("ROLLBACK")
    return state
}

@Suite("Service: the audit trail is tamper-evident and append-only")
struct AuditIntegrityTests {
    @Test("verify passes, then names the table and seq of a row altered with triggers disabled")
    func alteredRowDetected() async throws {
        try await withFixture { f in
            let centre = try await f.centreTable(in: .submitted)
            let bureau = try await f.service.createTable(f.bureauDrafter, f.projectTable(unit: "301"))
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
            #expect(try await f.service.verifyAudit(f.admin, tableID: centre.id).isEmpty)

            let changed = try await f.superuser { conn in
                try conn.execute("SET session_replication_role = replica")
                return try conn.execute("UPDATE audit_log SET reason = 'x' WHERE table_id = $1 AND seq = 3", [centre.id])
            }
            #expect(changed == 1, "the superuser bypasses the append-only trigger")

            let problems = try await f.service.verifyAudit(f.auditor)
            #expect(problems.count == 1)
            let problem = try #require(problems.first)
            #expect(problem.tableID == centre.id)
            #expect(problem.seq == 3)
            #expect(problem.reason.contains("seq 3"))
            #expect(try await f.service.verifyAudit(f.auditor, tableID: centre.id).first?.seq == 3)
            #expect(try await f.service.verifyAudit(f.auditor, tableID: bureau.id).isEmpty, "other chains are unaffected")
        }
    }

    @Test("verify detects rows removed at the end of a chain and changes made with the triggers disabled")
    func removedRowsAndUnauditedChanges() async throws {
        try await withFixture { f in
            let centre = try await f.centreTable(in: .draft)
            let bureau = try await f.service.createTable(f.bureauDrafter, f.projectTable(unit: "301"))
            let last = try await f.auditCount(centre.id)
            try await f.superuser { conn in
                try conn.execute("SET session_replication_role = replica")
                try conn.execute("DELETE FROM audit_log WHERE table_id = $1 AND seq = $2", [centre.id, last])
                try conn.execute("UPDATE indicator SET value = '9999' WHERE id = $1", [bureau.indicators[1].id])
            }
            let problems = try await f.service.verifyAudit(f.auditor)
            #expect(problems.map(\.tableID) == [centre.id, bureau.id])
            #expect(problems.first?.seq == Int64(last))
            #expect(problems.last?.reason.contains("indicator \(bureau.indicators[1].id)") == true, "\(problems)")
        }
    }

    @Test("db maintain clusters the trail on its indicator index; history, as-of and the chains are unchanged")
    func maintainKeepsTheTrail() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .approved)
            let indicator = table.indicators[0].id
            let before = try await f.service.history(f.auditor, .indicator(indicator))
            let tableBefore = try await f.service.history(f.auditor, .table(table.id))
            let report = try await f.superuser { conn in try Maintenance.clusterAudit(conn) }
            let clustered = try await f.superuser { conn in
                try conn.query("SELECT indisclustered FROM pg_index WHERE indexrelid = 'audit_log_indicator_idx'::regclass").first?.decode(
                    Bool.self,
                    "indisclustered"
                )
            }
            #expect(clustered == true)
            #expect(
                report.auditRows
                    == Int64(
                        try await f.superuser { conn in
                            try conn.query("SELECT count(*)::int AS n FROM audit_log").first!.decode(Int.self, "n")
                        }
                    )
            )
            #expect(report.auditBytes > 0)
            #expect(try await f.service.history(f.auditor, .indicator(indicator)) == before)
            #expect(try await f.service.history(f.auditor, .table(table.id)) == tableBefore)
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }

    @Test("the application role may not change, remove or forge audit rows (42501)")
    func applicationRolePrivileges() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .approved)
            let statements = [
                "UPDATE audit_log SET reason = 'x'",
                "DELETE FROM audit_log",
                "TRUNCATE audit_log",
                "INSERT INTO audit_log (table_id, seq, entity, op, new_values, actor, db_user, changed_at, txid, prev_hash, hash) VALUES (\(table.id), 999, 'table', 'insert', '{}', 'x', 'x', now(), 1, '\\x00', '\\x00')",
                "UPDATE workflow_event SET reason = 'x'",
                "DELETE FROM workflow_event",
                "TRUNCATE workflow_event",
                "UPDATE table_revision SET approved_at = now()",
                "DELETE FROM table_revision",
                "TRUNCATE table_revision",
                "UPDATE audit_chain SET last_seq = 0",
                "DELETE FROM audit_chain",
                "TRUNCATE audit_chain",
                "SELECT audit_append(\(table.id), 'table', 'update', NULL, NULL, '{}', '{}', 'draft', 1)",
            ]
            let (states, readable) = try await f.applicationRole { conn in
                (
                    statements.map { sql in sqlState { try conn.execute(sql) } },
                    try conn.query("SELECT count(*)::int AS n FROM audit_log").first!.decode(Int.self, "n")
                )
            }
            for (sql, state) in zip(statements, states) {
                #expect(state == "42501", "\(sql)")
            }
            #expect(readable > 0, "the application role reads the trail")
            #expect(try await f.auditCount(table.id) == readable)
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }

    @Test("even the owner cannot change or remove audit rows: the append-only triggers refuse (JX001)")
    func ownerRefusedByTriggers() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .approved)
            let other = try await f.service.createTable(f.bureauDrafter, f.projectTable(unit: "301"))
            let cases: [(String, String)] = [
                ("UPDATE audit_log SET reason = 'x'", "JX001"),
                ("DELETE FROM audit_log", "JX001"),
                ("TRUNCATE audit_log", "JX001"),
                ("UPDATE workflow_event SET reason = 'x'", "JX001"),
                ("DELETE FROM workflow_event", "JX001"),
                ("TRUNCATE workflow_event", "JX001"),
                ("UPDATE table_revision SET approved_at = now()", "JX001"),
                ("DELETE FROM table_revision", "JX001"),
                ("TRUNCATE table_revision", "JX001"),
                ("DELETE FROM audit_chain", "JX001"),
                ("TRUNCATE audit_chain", "JX001"),
                ("TRUNCATE indicator", "JX003"),
                ("UPDATE indicator SET table_id = \(other.id) WHERE table_id = \(table.id)", "JX002"),
                ("UPDATE target_table SET revision = revision + 1 WHERE id = \(other.id)", "JX004"),
                ("UPDATE target_table SET status = 'draft' WHERE id = \(table.id)", "JX004"),
                ("DELETE FROM target_table WHERE id = \(table.id)", "23503"),
            ]
            let states = try await f.superuser { conn in cases.map { stateInRolledBackTransaction(conn, $0.0) } }
            for ((sql, expected), state) in zip(cases, states) {
                #expect(state == expected, "\(sql)")
            }
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }
}
