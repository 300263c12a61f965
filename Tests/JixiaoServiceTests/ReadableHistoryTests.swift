import Foundation
import JixiaoCore
import JixiaoService
import Testing

@Suite("Service: history as people read it")
struct ReadableHistoryTests {
    @Test("one row per change and per workflow step, indicator names, field-level old → new, people by login and name")
    func steps() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .submitted)
            let target = table.indicators[1]
            _ = try await f.service.transition(f.supervisor, tableID: table.id, action: .return, reason: "人数与资金不符", indicatorIDs: [target.id])
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: target.version,
                IndicatorChange(value: "150"),
                reason: "按主管部门意见修改"
            )
            let current = try await f.service.table(f.centreDrafter, id: table.id)
            _ = try await f.service.updateHeader(
                f.centreDrafter,
                id: table.id,
                expectVersion: current.version,
                goals: ["新目标"],
                reason: "补充目标"
            )
            let steps = try await f.service.readableHistory(f.auditor, .table(table.id))
            let entries = try await f.service.history(f.auditor, .table(table.id))

            // Each workflow step is one row (its status update folded in): submit, return.
            let workflow = steps.filter { $0.entity == "workflow" }
            #expect(workflow.map(\.action) == ["return", "submit"])
            #expect(!steps.contains { $0.entity == "table" && $0.action == "update" && $0.changes.isEmpty }, "\(steps)")
            #expect(steps.count == entries.count - 2, "two status updates folded into their steps")
            let returned = try #require(workflow.first)
            #expect(returned.fromStatus == "submitted" && returned.toStatus == "returned")
            #expect(returned.actor == "bureau-supervisor" && returned.actorName == "bureau-supervisor")
            #expect(returned.reason == "人数与资金不符" && returned.indicatorIDs == [target.id])

            // The indicator edit: by name and position, field by field.
            let edit = try #require(steps.first { $0.entity == "indicator" && $0.action == "update" })
            #expect(edit.indicatorName == target.fields.level3 && edit.indicatorPosition == target.position)
            #expect(edit.changes == [FieldChange(field: "value", old: target.fields.value, new: "150")])
            #expect(edit.reason == "按主管部门意见修改")

            // The header edit: only the goal that changed, not two row images.
            let header = try #require(steps.first { $0.entity == "table" && $0.action == "update" })
            #expect(header.changes == [FieldChange(field: "goals[1]", old: ProjectTableFixture.goal, new: "新目标")])

            // The same permissions as history: another unit's drafter sees nothing.
            await #expect(throws: ServiceError.self) { try await f.service.readableHistory(f.otherDrafter, .table(table.id)) }
        }
    }
}
