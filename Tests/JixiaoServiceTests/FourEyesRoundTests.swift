import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// The red-team attacks on four eyes (issue 15, item 3), replayed: each must now fail.
@Suite("Service: four eyes per round")
struct FourEyesRoundTests {
    /// Changes the first indicator's remark as `caller` (an edit of the content).
    private func edit(_ f: Fixture, _ caller: Caller, tableID: Int64, remark: String) async throws {
        let table = try await f.service.table(caller, id: tableID)
        _ = try await f.service.updateIndicator(
            caller,
            tableID: tableID,
            indicatorID: table.indicators[0].id,
            expectVersion: table.indicators[0].version,
            IndicatorChange(remark: remark),
            reason: "改数"
        )
    }

    /// The bureau's table, edited by `bureau-lead` (drafter and supervisor of the bureau) and
    /// submitted by a colleague.
    private func editedBySupervisorAndSubmitted(_ f: Fixture) async throws -> (lead: Caller, table: TargetTable) {
        let lead = try await f.user("bureau-lead", unit: "301", roles: [.drafter, .supervisor])
        let table = try await f.service.createTable(f.bureauDrafter, f.projectTable(unit: "301"))
        try await self.edit(f, lead, tableID: table.id, remark: "备注160")
        _ = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .submit)
        return (lead, table)
    }

    @Test("a drafter-supervisor who edited the bureau's table cannot approve it, though a colleague submitted it")
    func editorSupervisor() async throws {
        try await withFixture { f in
            let (lead, table) = try await self.editedBySupervisorAndSubmitted(f)
            let refused = await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(lead, tableID: table.id, action: .approve)
            }
            #expect(refused?.message.contains("changed the content") == true)
            // After a return and a resubmission the round goes on: still refused.
            _ = try await f.service.transition(f.supervisor, tableID: table.id, action: .return, reason: "请补充")
            _ = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .submit)
            await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(lead, tableID: table.id, action: .approve)
            }
            #expect(try await f.service.transition(f.supervisor, tableID: table.id, action: .approve).status == .supervisorApproved)
        }
    }

    @Test("a drafter with the finance role who edited a table cannot give the final approval")
    func editorFinance() async throws {
        try await withFixture { f in
            let clerk = try await f.user("centre-clerk", unit: "301002", roles: [.drafter, .finance])
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable())
            try await self.edit(f, clerk, tableID: table.id, remark: "备注170")
            _ = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            _ = try await f.service.transition(f.supervisor, tableID: table.id, action: .approve)
            await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(clerk, tableID: table.id, action: .approve)
            }
            // Batch approval applies the same rule.
            let batch = try await f.service.approveAllPending(clerk)
            #expect(batch.count == 1)
            if case .failure(let error) = batch.first?.result { #expect(error.code.rawValue == "four-eyes") } else { Issue.record("approved") }
            #expect(try await f.service.transition(f.finance, tableID: table.id, action: .approve).status == .approved)
        }
    }

    @Test("a colleague's withdraw and resubmit does not clear the first submitter")
    func withdrawResubmit() async throws {
        try await withFixture { f in
            let lead = try await f.user("bureau-lead", unit: "301", roles: [.drafter, .supervisor])
            let table = try await f.service.createTable(f.bureauDrafter, f.projectTable(unit: "301"))
            _ = try await f.service.transition(lead, tableID: table.id, action: .submit)
            _ = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .withdraw)
            let resubmitted = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .submit)
            #expect(resubmitted.status == .submitted)
            let refused = await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(lead, tableID: table.id, action: .approve)
            }
            #expect(refused?.message.contains("submitted this table earlier") == true)
        }
    }

    @Test("creating a table (or importing it) is a change of its content")
    func creator() async throws {
        try await withFixture { f in
            let lead = try await f.user("bureau-lead", unit: "301", roles: [.drafter, .supervisor])
            let table = try await f.service.createTable(lead, f.projectTable(unit: "301"))
            _ = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .submit)
            await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(lead, tableID: table.id, action: .approve)
            }
        }
    }

    @Test("a new revision is a new round: who edited the approved revision may approve the next")
    func nextRevision() async throws {
        try await withFixture { f in
            let (lead, table) = try await self.editedBySupervisorAndSubmitted(f)
            _ = try await f.service.transition(f.supervisor, tableID: table.id, action: .approve)
            _ = try await f.service.transition(f.finance, tableID: table.id, action: .approve)
            _ = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .adjust, reason: "年中调整")
            try await self.edit(f, f.bureauDrafter, tableID: table.id, remark: "备注180")
            _ = try await f.service.transition(f.bureauDrafter, tableID: table.id, action: .submit)
            let approved = try await f.service.transition(lead, tableID: table.id, action: .approve)
            #expect(approved.status == .supervisorApproved)
        }
    }
}
