import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// Issue 12: `indicator set --reason " "`, `indicator remove --reason ""` and an adjust with
/// `{"reason": ""}` were accepted and audited with a blank reason. Every front end goes through
/// these service functions, so each refusal is tried here as an attack: refused with
/// `reason-required`, and nothing written (no audit row, no new version).
@Suite("Service: content changes, returns and adjusts without a reason are refused")
struct BlankReasonTests {
    static let blanks = ["", " ", "\u{3000}", "\t\n"]

    /// The number of audit rows of the table.
    static func auditRows(_ f: Fixture, _ tableID: Int64) async throws -> Int {
        try await f.superuser { conn in
            try conn.query("SELECT count(*)::int AS n FROM audit_log WHERE table_id = $1", [tableID]).first!.decode(Int.self, "n")
        }
    }

    @Test("indicator add, set, move and remove, header and CSV edits", arguments: blanks)
    func contentChanges(blank: String) async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let first = table.indicators[0]
            let d = f.centreDrafter
            let s = f.service
            let before = try await Self.auditRows(f, table.id)
            await expectServiceError(.invalid, "reason-required") {
                try await s.updateIndicator(
                    d,
                    tableID: table.id,
                    indicatorID: first.id,
                    expectVersion: first.version,
                    IndicatorChange(value: "1"),
                    reason: blank
                )
            }
            await expectServiceError(.invalid, "reason-required") {
                try await s.removeIndicator(d, tableID: table.id, indicatorID: first.id, expectVersion: first.version, reason: blank)
            }
            await expectServiceError(.invalid, "reason-required") {
                try await s.moveIndicator(d, tableID: table.id, indicatorID: first.id, expectVersion: first.version, to: 2, reason: blank)
            }
            await expectServiceError(.invalid, "reason-required") {
                try await s.addIndicator(d, tableID: table.id, IndicatorInput(first), reason: blank)
            }
            await expectServiceError(.invalid, "reason-required") {
                try await s.updateHeader(d, id: table.id, expectVersion: table.version, title: "新标题", reason: blank)
            }
            let csv = try await s.exportCSV(d, tableIDs: [table.id])
            await expectServiceError(.invalid, "reason-required") { try await s.importCSV(d, text: csv, reason: blank) }
            #expect(try await Self.auditRows(f, table.id) == before)
            #expect(try await s.table(d, id: table.id) == table)
        }
    }

    @Test("return and adjust", arguments: blanks)
    func workflow(blank: String) async throws {
        try await withFixture { f in
            let submitted = try await f.centreTable(in: .submitted)
            let approved = try await f.centreTable(in: .approved)
            await expectServiceError(.invalid, "reason-required") {
                try await f.service.transition(f.supervisor, tableID: submitted.id, action: .return, reason: blank)
            }
            await expectServiceError(.invalid, "reason-required") {
                try await f.service.transition(f.centreDrafter, tableID: approved.id, action: .adjust, reason: blank)
            }
            #expect(try await f.service.table(f.auditor, id: submitted.id).status == .submitted)
            let unchanged = try await f.service.table(f.auditor, id: approved.id)
            #expect(unchanged.status == .approved)
            #expect(unchanged.revision == 1)
        }
    }

    @Test("a reason is audited as written (not trimmed)")
    func auditedAsWritten() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let first = table.indicators[0]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: first.id,
                expectVersion: first.version,
                IndicatorChange(value: "120"),
                reason: " 按财政意见修改 "
            )
            let reason = try await f.superuser { conn in
                try conn.query("SELECT reason FROM audit_log WHERE indicator_id = $1 ORDER BY seq DESC LIMIT 1", [first.id]).first!
                    .decode(String.self, "reason")
            }
            #expect(reason == " 按财政意见修改 ")
        }
    }
}
