import Foundation
import JixiaoCore
import JixiaoService
import Testing

@Suite("Service: a returned table carries its open return until the next submit")
struct OpenReturnTests {
    @Test("who (login and name), when, why and the flagged rows; kept through edits, gone at submit")
    func carriedUntilSubmit() async throws {
        try await withFixture { f in
            let created = try await f.service.createTable(f.centreDrafter, f.projectTable())
            #expect(created.openReturn == nil)
            _ = try await f.service.transition(f.centreDrafter, tableID: created.id, action: .submit)
            let before = Date()
            let flagged = created.indicators[1]
            let returned = try await f.service.transition(
                f.supervisor,
                tableID: created.id,
                action: .return,
                reason: "人数与资金不符",
                indicatorIDs: [flagged.id]
            )
            let open = try #require(returned.openReturn, "the transition's answer carries the return")
            #expect(open.returnedBy == Person(id: f.supervisor.user.id, login: "bureau-supervisor", displayName: "bureau-supervisor"))
            #expect(open.reason == "人数与资金不符")
            #expect(open.indicatorIDs == [flagged.id])
            #expect(open.flags(flagged.id) && !open.flags(created.indicators[0].id))
            #expect(abs(open.returnedAt.timeIntervalSince(before)) < 60)

            // Every reader sees it: the drafter, finance, the auditor.
            for reader in [f.centreDrafter, f.finance, f.auditor] {
                #expect(try await f.service.table(reader, id: created.id).openReturn == open)
            }
            // Editing does not close it.
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: created.id,
                indicatorID: flagged.id,
                expectVersion: flagged.version,
                IndicatorChange(value: "150"),
                reason: "按主管部门意见修改"
            )
            #expect(try await f.service.table(f.centreDrafter, id: created.id).openReturn == open)
            // A past view shows the stored state, without a review.
            #expect(try await f.service.table(f.auditor, id: created.id, asOf: Date()).openReturn == nil)

            // The next submit closes it.
            let resubmitted = try await f.service.transition(f.centreDrafter, tableID: created.id, action: .submit)
            #expect(resubmitted.openReturn == nil)
            #expect(try await f.service.table(f.supervisor, id: created.id).openReturn == nil)
        }
    }

    @Test("a second return replaces the first; a return without rows flags none")
    func newestReturnWins() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .returned)
            #expect(table.openReturn?.reason == "资金测算依据不足")
            #expect(table.openReturn?.returnedBy.login == "finance")
            #expect(table.openReturn?.indicatorIDs == [])
            _ = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            let again = try await f.service.transition(f.supervisor, tableID: table.id, action: .return, reason: "目标不明确")
            #expect(again.openReturn?.reason == "目标不明确")
            #expect(again.openReturn?.returnedBy.login == "bureau-supervisor")
        }
    }

    @Test("attack: a drafter of another unit cannot read the table, so not its return either")
    func otherUnitSeesNothing() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .returned)
            await #expect(throws: ServiceError.self) { try await f.service.table(f.otherDrafter, id: table.id) }
        }
    }
}
