import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// A row image of the audit trail, as a dictionary.
func image(_ json: String?) -> [String: Any]? {
    guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return nil }
    return object as? [String: Any]
}

/// A text field of a row image.
func field(_ json: String?, _ key: String) -> String? {
    image(json)?[key].map { "\($0)" }
}

@Suite("Service: the audit trail records every change")
struct AuditTrailTests {
    @Test("insert, update and delete of an indicator each leave exactly one complete audit row")
    func indicatorLifecycle() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let target = table.indicators[1]
            let s = f.service

            // insert (with the table)
            var history = try await s.history(f.auditor, .indicator(target.id))
            #expect(history.count == 1)
            let inserted = try #require(history.first)
            #expect(inserted.entity == "indicator")
            #expect(inserted.op == "insert")
            #expect(inserted.indicatorID == target.id)
            #expect(inserted.tableID == table.id)
            #expect(inserted.oldValues == nil)
            #expect(field(inserted.newValues, "value") == "140")
            #expect(inserted.actor == "centre-drafter")
            #expect(inserted.reason == "created")
            #expect(inserted.tableStatus == "draft")
            #expect(inserted.tableRevision == 1)
            #expect(inserted.transactionID > 0)

            // update
            let updated = try await s.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: target.version,
                IndicatorChange(value: "150"),
                reason: "按财政意见修改"
            )
            history = try await s.history(f.auditor, .indicator(target.id))
            #expect(history.count == 2)
            let change = try #require(history.first)
            #expect(change.op == "update")
            #expect(change.seq > inserted.seq)
            #expect(field(change.oldValues, "value") == "140")
            #expect(field(change.newValues, "value") == "150")
            #expect(field(change.oldValues, "version") == "1")
            #expect(field(change.newValues, "version") == "\(updated.version)")
            #expect(change.changedFields == ["numeric_value", "value"])
            #expect(change.actor == "centre-drafter")
            #expect(change.reason == "按财政意见修改")
            #expect(change.tableStatus == "draft")
            #expect(change.tableRevision == 1)
            #expect(change.transactionID != inserted.transactionID)
            #expect(change.changedAt >= inserted.changedAt)

            // insert in the middle: the new row plus one position update per shifted indicator, one transaction
            let added = try await s.addIndicator(
                f.centreDrafter,
                tableID: table.id,
                IndicatorInput(level1: "产出指标", level2: "时效指标", level3: "发放及时率", comparator: .gte, value: "100", unitOfMeasure: "%"),
                position: 2,
                reason: "补充时效指标"
            )
            let addRows = try await s.history(f.auditor, .table(table.id)).filter { $0.reason == "补充时效指标" }
            #expect(addRows.filter { $0.op == "insert" }.map(\.indicatorID) == [added.id])
            #expect(addRows.filter { $0.op == "update" }.count == 3)
            #expect(addRows.filter { $0.op == "update" }.allSatisfy { $0.changedFields == ["position"] })
            #expect(Set(addRows.map(\.transactionID)).count == 1)

            // delete
            try await s.removeIndicator(f.centreDrafter, tableID: table.id, indicatorID: added.id, expectVersion: added.version, reason: "删除多余指标")
            let addedHistory = try await s.history(f.auditor, .indicator(added.id))
            #expect(addedHistory.map(\.op) == ["delete", "insert"])
            let deleted = try #require(addedHistory.first)
            #expect(deleted.newValues == nil)
            #expect(field(deleted.oldValues, "level3") == "发放及时率")
            #expect(deleted.actor == "centre-drafter")
            #expect(deleted.reason == "删除多余指标")
            #expect(deleted.tableStatus == "draft")
            #expect(deleted.tableRevision == 1)

            // Exactly these rows, and nothing else, for the indicators.
            let counts = try await f.superuser { conn in
                try conn.query(
                    """
                    SELECT op, count(*)::int AS n FROM audit_log WHERE table_id = $1 AND entity = 'indicator' GROUP BY op ORDER BY op
                    """,
                    [table.id]
                ).map { "\(try $0.decode(String.self, "op"))=\(try $0.decode(Int.self, "n"))" }
            }
            #expect(counts == ["delete=1", "insert=5", "update=7"])
            // The database login is recorded beside the acting user.
            let logins = try await f.superuser { conn in
                try conn.query("SELECT DISTINCT db_user, actor, session_user::text AS me FROM audit_log WHERE table_id = $1", [table.id])
                    .map { [try $0.decode(String.self, "db_user"), try $0.decode(String.self, "actor"), try $0.decode(String.self, "me")] }
            }
            #expect(logins.count == 1)
            #expect(logins.first?[0] == logins.first?[2])
            #expect(logins.first?[1] == "centre-drafter")
        }
    }

    @Test("a change made directly in SQL is audited with the session user as actor, and bumps the version")
    func directSQLChange() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let target = table.indicators[1]
            let sessionUser = try await f.superuser { conn in
                try conn.execute("UPDATE indicator SET value = '99', numeric_value = 99 WHERE id = $1", [target.id])
                return try conn.query("SELECT session_user::text AS u").first!.decode(String.self, "u")
            }
            let history = try await f.service.history(f.auditor, .indicator(target.id))
            #expect(history.count == 2)
            let change = try #require(history.first)
            #expect(change.op == "update")
            #expect(change.actor == sessionUser)
            #expect(change.reason == nil)
            #expect(change.changedFields == ["numeric_value", "value"])
            #expect(field(change.newValues, "value") == "99")
            // The trigger bumped the version, so the service's writer who read version 1 is told.
            let now = try await f.service.table(f.centreDrafter, id: table.id).indicators[1]
            #expect(now.version == 2)
            #expect(now.value == "99")
            await expectServiceError(.conflict, "version-conflict") {
                try await f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: target.id,
                    expectVersion: 1,
                    IndicatorChange(value: "150"),
                    reason: "x"
                )
            }
            // A reason set in the session is recorded too; a deletion likewise.
            try await f.superuser { conn in
                try conn.execute("SELECT set_config('jixiao.reason', '手工修正', false)")
                try conn.execute("DELETE FROM indicator WHERE id = $1", [table.indicators[3].id])
            }
            let deletion = try #require(try await f.service.history(f.auditor, .indicator(table.indicators[3].id)).first)
            #expect(deletion.op == "delete")
            #expect(deletion.actor == sessionUser)
            #expect(deletion.reason == "手工修正")
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty, "audited changes keep the trail consistent")
        }
    }

    @Test("status changes and workflow events are in the trail with their reasons")
    func workflowAudited() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .returned)
            let history = try await f.service.history(f.auditor, .table(table.id))
            let workflow = history.filter { $0.entity == "workflow" }
            #expect(workflow.count == 3)
            #expect(workflow.map { field($0.newValues, "action") } == ["return", "approve", "submit"])
            #expect(workflow.map(\.actor) == ["finance", "bureau-supervisor", "centre-drafter"])
            #expect(workflow.first?.reason == "资金测算依据不足")
            #expect(workflow.first?.tableStatus == "returned")
            let statusRows = history.filter { $0.entity == "table" && $0.changedFields?.contains("status") == true }
            #expect(statusRows.map(\.tableStatus) == ["returned", "supervisor_approved", "submitted"])
            // Each transition is one transaction: the status change and its event share a txid.
            for (event, status) in zip(workflow, statusRows) {
                #expect(event.transactionID == status.transactionID)
            }
        }
    }
}
