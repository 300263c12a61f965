import Foundation
import JixiaoCore
import JixiaoService
import Testing

@Suite("Service: list rows to triage by, and what waits for me")
struct TriageListTests {
    @Test("rows carry the project name, the latest submit (who, when) and the validator's counts")
    func rows() async throws {
        try await withFixture { f in
            let draft = try await f.service.createTable(f.centreDrafter, f.projectTable(indicatorCount: 1, funds: "99"))
            let submitted = try await f.centreTable(in: .submitted)
            let listed = try await f.service.listTables(f.finance)
            #expect(Set(listed.map(\.id)) == [draft.id, submitted.id])
            for summary in listed {
                let findings = try await f.service.findings(f.finance, id: summary.id)
                #expect(summary.errorCount == findings.filter { $0.severity == .error }.count, "\(summary)")
                #expect(summary.warningCount == findings.filter { $0.severity == .warning }.count, "\(summary)")
                #expect(summary.name == ProjectTableFixture.newTable().header.name)
            }
            let draftRow = try #require(listed.first { $0.id == draft.id })
            #expect(draftRow.errorCount + draftRow.warningCount > 0, "a one-row table has findings")
            #expect(draftRow.submittedBy == nil && draftRow.submittedAt == nil)
            let submittedRow = try #require(listed.first { $0.id == submitted.id })
            #expect(submittedRow.submittedBy?.login == "centre-drafter")
            #expect(submittedRow.submittedBy?.id == f.centreDrafter.user.id)
            #expect(try #require(submittedRow.submittedAt).timeIntervalSinceNow > -120)
            #expect(submittedRow.status == .submitted && submittedRow.revision == 1)

            // A return keeps the latest submit on the row (who sent it, when).
            _ = try await f.service.transition(f.supervisor, tableID: submitted.id, action: .return, reason: "补充依据")
            let afterReturn = try #require(try await f.service.listTables(f.finance).first { $0.id == submitted.id })
            #expect(afterReturn.status == .returned)
            #expect(afterReturn.submittedBy?.login == "centre-drafter")
        }
    }

    @Test("waiting for me: drafter draft/returned of its unit, supervisor submitted it supervises, finance supervisor_approved")
    func waitingForMe() async throws {
        try await withFixture { f in
            let draft = try await f.centreTable(in: .draft)
            let submitted = try await f.centreTable(in: .submitted)
            let checked = try await f.centreTable(in: .supervisorApproved)
            let returned = try await f.centreTable(in: .returned)
            let approved = try await f.centreTable(in: .approved)
            let waiting = TableFilter(waitingForMe: true)
            #expect(Set(try await f.service.listTables(f.centreDrafter, filter: waiting).map(\.id)) == [draft.id, returned.id])
            #expect(try await f.service.listTables(f.supervisor, filter: waiting).map(\.id) == [submitted.id])
            #expect(try await f.service.listTables(f.finance, filter: waiting).map(\.id) == [checked.id])
            #expect(try await f.service.listTables(f.auditor, filter: waiting).isEmpty)
            // attack: the bureau's drafter and another unit's drafter wait for none of the centre's tables
            #expect(try await f.service.listTables(f.bureauDrafter, filter: waiting).isEmpty)
            #expect(try await f.service.listTables(f.otherDrafter, filter: waiting).isEmpty)
            // Without the filter, everything readable is listed as before.
            #expect(Set(try await f.service.listTables(f.finance).map(\.id)) == [draft.id, submitted.id, checked.id, returned.id, approved.id])
            // Filters combine.
            #expect(
                try await f.service.listTables(f.centreDrafter, filter: TableFilter(status: .returned, waitingForMe: true)).map(\.id) == [returned.id]
            )
        }
    }
}
