import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// The red-team attacks on the workflow through the application role's own SQL (issue 15,
/// item 3), replayed: the database's guard (Schema 0011, JX005) must refuse each.
@Suite("Database: the workflow guard refuses the application role's shortcuts")
struct WorkflowGuardTests {
    @Test("a direct UPDATE moving a draft to approved with a forged approver is refused")
    func draftToApproved() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let financeID = f.finance.user.id
            let state = try await f.applicationRole { conn in
                sqlState {
                    try conn.execute(
                        "UPDATE target_table SET status = 'approved', approved_by = $2, supervisor_approved_by = $2 WHERE id = $1",
                        [table.id, financeID]
                    )
                }
            }
            #expect(state == "JX005")
            #expect(try await f.service.table(f.auditor, id: table.id).status == .draft)
            #expect(try await f.auditCount(table.id, "entity = 'table' AND op = 'update'") == 0)
        }
    }

    @Test("an approved table cannot be edited in place: header, goals, indicators")
    func approvedEditedInPlace() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .approved)
            let id = table.id
            let states = try await f.applicationRole { conn in
                [
                    "UPDATE target_table SET title = '改过的标题' WHERE id = \(id)",
                    "UPDATE target_table SET goals = ARRAY['新目标'] WHERE id = \(id)",
                    "UPDATE target_table SET header = header || '{\"project_name\": \"x\"}' WHERE id = \(id)",
                    "UPDATE indicator SET value = '1' WHERE table_id = \(id)",
                    "INSERT INTO indicator (table_id, position, level1) VALUES (\(id), 50, '产出指标')",
                    "DELETE FROM indicator WHERE table_id = \(id)",
                    "DELETE FROM target_table WHERE id = \(id)",
                ].map { sql in sqlState { try conn.execute(sql) } }
            }
            #expect(states == Array(repeating: "JX005", count: 7))
            let after = try await f.service.table(f.auditor, id: id)
            #expect(after.version == table.version)
            #expect(after.indicators == table.indicators)
            #expect(try await f.service.verifyAudit(f.auditor, tableID: id).isEmpty)
        }
    }

    @Test("the recorded submitter or approvers cannot be rewritten without a workflow step")
    func forgedPeople() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .supervisorApproved)
            let other = f.otherDrafter.user.id
            let states = try await f.applicationRole { conn in
                [
                    "UPDATE target_table SET submitted_by = \(other) WHERE id = \(table.id)",
                    "UPDATE target_table SET supervisor_approved_by = NULL WHERE id = \(table.id)",
                ].map { sql in sqlState { try conn.execute(sql) } }
            }
            #expect(states == ["JX005", "JX005"])
        }
    }

    @Test("a table cannot be created by the application role in any state but draft")
    func insertedApproved() async throws {
        try await withFixture { f in
            let template = try await f.centreTable(in: .draft)
            let state = try await f.applicationRole { conn in
                sqlState {
                    try conn.execute(
                        """
                        INSERT INTO target_table (kind, title, fiscal_year, unit_id, supervising_unit_id, status)
                        VALUES ('project', '伪造', 2025, $1, $2, 'approved')
                        """,
                        [template.unitID, template.supervisingUnitID]
                    )
                }
            }
            #expect(state == "JX005")
        }
    }

    @Test("the service's own flows pass the guard: edit, submit, both approvals, adjust, edit, return")
    func serviceFlows() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .approved)
            let adjusted = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .adjust, reason: "年中调整")
            #expect(adjusted.status == .draft && adjusted.revision == 2)
            let first = adjusted.indicators[0]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: first.id,
                expectVersion: first.version,
                IndicatorChange(remark: "调整后"),
                reason: "调整"
            )
            _ = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            _ = try await f.service.transition(f.supervisor, tableID: table.id, action: .return, reason: "请补充")
            #expect(try await f.service.table(f.auditor, id: table.id).status == .returned)
            #expect(try await f.service.verifyAudit(f.auditor, tableID: table.id).isEmpty)
        }
    }

    @Test("table show --revision N comes from the approval snapshot, not a replay of the trail")
    func revisionFromSnapshot() async throws {
        try await withFixture { f in
            let approved = try await f.centreTable(in: .approved)
            _ = try await f.service.transition(f.centreDrafter, tableID: approved.id, action: .adjust, reason: "年中调整")
            // Tamper with the trail (as the superuser, triggers off): a replay would now show "forged".
            let first = approved.indicators[0].id
            try await f.superuser { conn in
                try conn.execute("SET session_replication_role = replica")
                try conn.execute(
                    "UPDATE audit_log SET new_values = jsonb_set(new_values, '{value}', '\"forged\"') WHERE indicator_id = $1",
                    [first]
                )
            }
            let replayed = try await f.superuser { conn in
                try conn.query("SELECT value FROM indicators_as_of_revision($1, 1) WHERE id = $2", [approved.id, first]).first!.decode(
                    String.self,
                    "value"
                )
            }
            #expect(replayed == "forged")
            let shown = try await f.service.table(f.auditor, id: approved.id, revision: 1)
            #expect(shown.indicators == approved.indicators)
            #expect(shown.status == .approved)
            #expect(shown.version == approved.version)
            #expect(shown.header == approved.header)
            // The revision being drafted has no snapshot yet: it comes from the trail.
            #expect(try await f.service.table(f.auditor, id: approved.id, revision: 2).status == .draft)
        }
    }
}
