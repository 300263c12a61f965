import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: the approval cycle")
struct WorkflowFlowTests {
    @Test("draft → submit → supervisor approves → finance returns → resubmit → approve twice → adjust")
    func fullCycle() async throws {
        try await withFixture { f in
            let created = try await f.service.createTable(f.centreDrafter, f.projectTable())
            #expect(created.status == .draft)
            #expect(created.indicators.count == 4)
            #expect(created.indicators.map(\.position) == [1, 2, 3, 4])

            var table = try await f.service.transition(f.centreDrafter, tableID: created.id, action: .submit)
            #expect(table.status == .submitted)
            table = try await f.service.transition(f.supervisor, tableID: created.id, action: .approve)
            #expect(table.status == .supervisorApproved)
            let target = table.indicators[1]
            table = try await f.service.transition(f.finance, tableID: created.id, action: .return, reason: "人数与资金不符", indicatorIDs: [target.id])
            #expect(table.status == .returned)

            let edited = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: created.id,
                indicatorID: target.id,
                expectVersion: target.version,
                IndicatorChange(value: "150"),
                reason: "按财政意见修改"
            )
            #expect(edited.value == "150")
            #expect(edited.version == target.version + 1)

            table = try await f.service.transition(f.centreDrafter, tableID: created.id, action: .submit)
            table = try await f.service.transition(f.supervisor, tableID: created.id, action: .approve)
            table = try await f.service.transition(f.finance, tableID: created.id, action: .approve)
            #expect(table.status == .approved)
            #expect(table.revision == 1)

            table = try await f.service.transition(f.centreDrafter, tableID: created.id, action: .adjust, reason: "年中调整")
            #expect(table.status == .draft)
            #expect(table.revision == 2)
            let approvedIndicator = table.indicators[1]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: created.id,
                indicatorID: approvedIndicator.id,
                expectVersion: approvedIndicator.version,
                IndicatorChange(value: "160"),
                reason: "调整"
            )
            // Revision 1 stays readable exactly as approved.
            let asApproved = try await f.service.table(f.auditor, id: created.id, revision: 1)
            #expect(asApproved.status == .approved)
            #expect(asApproved.indicators[1].value == "150")
            let diff = try await f.service.diff(f.auditor, id: created.id, fromRevision: 1, toRevision: 2)
            #expect(diff.count == 1)
            #expect(diff.first?.indicatorID == approvedIndicator.id)
            #expect(diff.first?.change == "changed")

            let history = try await f.service.history(f.auditor, .table(created.id))
            #expect(history.contains { $0.entity == "workflow" && $0.reason == "人数与资金不符" })
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }
}
