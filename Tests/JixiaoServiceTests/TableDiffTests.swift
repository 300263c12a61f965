import Foundation
import JixiaoCore
import JixiaoService
import Testing

@Suite("Service: what changed since the last submission, the approved revision, between revisions")
struct TableDiffTests {
    @Test("since the last submission: header, goals and indicator fields by their API names")
    func sinceSubmission() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .returned)
            let target = table.indicators[1]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: target.version,
                IndicatorChange(value: "150"),
                reason: "按财政意见修改"
            )
            let current = try await f.service.table(f.centreDrafter, id: table.id)
            var header = current.header
            if case .project(var project) = header {
                project.implementingUnit = "和政县就业服务中心（新）"
                header = .project(project)
            }
            _ = try await f.service.updateHeader(
                f.centreDrafter,
                id: table.id,
                expectVersion: current.version,
                title: "新标题",
                header: header,
                goals: ["新目标"],
                reason: "按意见修改"
            )
            let diff = try await f.service.tableDiff(f.finance, id: table.id, from: .lastSubmission)
            #expect(diff.from.point == "submission" && diff.from.at != nil && diff.to.point == "current")
            #expect(diff.header.contains(FieldChange(field: "title", old: ProjectTableFixture.title, new: "新标题")))
            #expect(
                diff.header.contains(FieldChange(field: "implementing_unit", old: ProjectTableFixture.implementingUnit, new: "和政县就业服务中心（新）")),
                "\(diff.header)"
            )
            #expect(diff.header.count == 2, "\(diff.header)")
            #expect(diff.goals == [FieldChange(field: "goals[1]", old: ProjectTableFixture.goal, new: "新目标")])
            #expect(diff.indicators.count == 1)
            #expect(diff.indicators.first?.indicatorID == target.id)
            #expect(diff.indicators.first?.name == target.fields.level3)
            #expect(diff.indicators.first?.fields == [FieldChange(field: "value", old: target.fields.value, new: "150")])

            // After the next submit the reviewer compares with the submission before it (the
            // one returned): the same changes.
            _ = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            let review = try await f.service.tableDiff(f.supervisor, id: table.id, from: .lastSubmission)
            #expect(review.header == diff.header && review.goals == diff.goals && review.indicators == diff.indicators)
            #expect(review.from == diff.from, "the same (returned) submission")
            // A table submitted once has no submission before its current one.
            let once = try await f.centreTable(in: .submitted)
            await #expect(throws: ServiceError.self) { try await f.service.tableDiff(f.supervisor, id: once.id, from: .lastSubmission) }
        }
    }

    @Test("since the approved revision, and between two revisions")
    func approvedAndRevisions() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .approved)
            let reopened = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .adjust, reason: "年中调整")
            let target = reopened.indicators[0]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: target.version,
                IndicatorChange(remark: "调整"),
                reason: "调整"
            )
            let sinceApproved = try await f.service.tableDiff(f.auditor, id: table.id, from: .approved)
            #expect(sinceApproved.from == DiffEnd(point: "approved", revision: 1))
            #expect(sinceApproved.to == DiffEnd(point: "current", revision: 2))
            #expect(sinceApproved.indicators.map(\.fields) == [[FieldChange(field: "remark", old: nil, new: "调整")]])
            let between = try await f.service.tableDiff(f.auditor, id: table.id, from: .revision(1), to: .revision(2))
            #expect(between.indicators == sinceApproved.indicators)
            #expect(try await f.service.tableDiff(f.auditor, id: table.id, from: .revision(2), to: .revision(2)).isEmpty)
        }
    }

    @Test("attacks and absences: another unit, a revision that does not exist, never submitted, never approved")
    func refusals() async throws {
        try await withFixture { f in
            let draft = try await f.centreTable(in: .draft)
            func notFound(_ caller: Caller, _ from: DiffPoint, _ to: DiffPoint = .current) async {
                await #expect(throws: ServiceError.self) { try await f.service.tableDiff(caller, id: draft.id, from: from, to: to) }
                do {
                    _ = try await f.service.tableDiff(caller, id: draft.id, from: from, to: to)
                } catch let error as ServiceError {
                    #expect(error.code.rawValue == "not-found", "\(error)")
                } catch {
                    Issue.record("\(error)")
                }
            }
            await notFound(f.otherDrafter, .revision(1))
            await notFound(f.centreDrafter, .lastSubmission)
            await notFound(f.centreDrafter, .approved)
            await notFound(f.centreDrafter, .revision(2))
            await notFound(f.centreDrafter, .revision(1), .revision(0))
            #expect(try await f.service.tableDiff(f.centreDrafter, id: draft.id, from: .revision(1)).isEmpty)
        }
    }

    @Test("the spellings of a point")
    func spellings() {
        #expect(DiffPoint("submission") == .lastSubmission)
        #expect(DiffPoint("approved") == .approved)
        #expect(DiffPoint("current") == .current)
        #expect(DiffPoint("12") == .revision(12))
        for bad in ["0", "-1", "+1", "01", "１", "", "latest", "1.5"] { #expect(DiffPoint(bad) == nil, "\(bad)") }
    }
}
