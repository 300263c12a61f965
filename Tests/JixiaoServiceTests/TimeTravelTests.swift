import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

extension Fixture {
    /// The database's clock now (`clock_timestamp()`), the clock the audit trail uses.
    func databaseNow() async throws -> Date {
        try await self.superuser { conn in try conn.query("SELECT clock_timestamp() AS t").first!.decode(Date.self, "t") }
    }
}

@Suite("Service: time travel, revisions, diffs and history queries")
struct TimeTravelTests {
    @Test("a table as of a moment equals what was read at that moment")
    func asOfMoments() async throws {
        try await withFixture { f in
            let s = f.service
            let d = f.centreDrafter
            let table = try await f.centreTable(in: .draft, indicatorCount: 5)
            let before = try await f.databaseNow()
            var captures: [(Date, TargetTable)] = []
            func capture() async throws {
                let state = try await s.table(f.auditor, id: table.id)
                captures.append((try await f.databaseNow(), state))
            }
            try await capture()
            var current = table
            _ = try await s.updateIndicator(
                d,
                tableID: table.id,
                indicatorID: current.indicators[0].id,
                expectVersion: current.indicators[0].version,
                IndicatorChange(content: "≤140万元", remark: "资金上限"),
                reason: "一"
            )
            current = try await s.table(d, id: table.id)
            _ = try await s.moveIndicator(
                d,
                tableID: table.id,
                indicatorID: current.indicators[3].id,
                expectVersion: current.indicators[3].version,
                to: 1,
                reason: "二"
            )
            try await capture()
            current = try await s.table(d, id: table.id)
            _ = try await s.addIndicator(
                d,
                tableID: table.id,
                IndicatorInput(level1: "产出指标", level2: "时效指标", level3: "及时率", comparator: .gte, value: "100", unitOfMeasure: "%"),
                position: 3,
                reason: "三"
            )
            current = try await s.table(d, id: table.id)
            let filler = try #require(current.indicators.first { $0.level3 == "指标5" })
            try await s.removeIndicator(d, tableID: table.id, indicatorID: filler.id, expectVersion: filler.version, reason: "四")
            current = try await s.table(d, id: table.id)
            _ = try await s.updateHeader(d, id: table.id, expectVersion: current.version, title: "改过的标题", goals: ["新目标"], reason: "五")
            try await capture()
            _ = try await s.transition(d, tableID: table.id, action: .submit)
            try await capture()

            for (moment, state) in captures {
                let rebuilt = try await s.table(f.auditor, id: table.id, asOf: moment)
                #expect(rebuilt == state)
                #expect(rebuilt.indicators.map(\.position) == Array(1...rebuilt.indicators.count))
            }
            // The captures differ from each other, so equality above means something.
            #expect(Set(captures.map(\.1)).count == captures.count)
            #expect(try await s.table(f.auditor, id: table.id, asOf: before) == table)
            await expectServiceError(.notFound) {
                try await s.table(f.auditor, id: table.id, asOf: Date(timeIntervalSince1970: 946_684_800))
            }
        }
    }

    @Test("an approved revision stays readable exactly as approved; revisions that never were are not found")
    func revisions() async throws {
        try await withFixture { f in
            let s = f.service
            let d = f.centreDrafter
            let approved = try await f.centreTable(in: .approved)
            var current = try await s.transition(d, tableID: approved.id, action: .adjust, reason: "年中调整")
            #expect(current.revision == 2)
            _ = try await s.updateIndicator(
                d,
                tableID: approved.id,
                indicatorID: current.indicators[1].id,
                expectVersion: current.indicators[1].version,
                IndicatorChange(value: "160"),
                reason: "调整人数"
            )
            _ = try await s.addIndicator(
                d,
                tableID: approved.id,
                IndicatorInput(level1: "效益指标", level2: "经济效益指标", level3: "增收", comparator: .gte, value: "5", unitOfMeasure: "万元"),
                reason: "新增"
            )
            current = try await s.table(d, id: approved.id)

            #expect(try await s.table(f.auditor, id: approved.id, revision: 1) == approved)
            #expect(try await s.table(f.auditor, id: approved.id, revision: 2) == current)
            #expect(try await s.table(d, id: approved.id, revision: 1).indicators[1].value == "140")
            await expectServiceError(.notFound) { try await s.table(f.auditor, id: approved.id, revision: 3) }
            await expectServiceError(.notFound) { try await s.table(f.auditor, id: approved.id, revision: 0) }

            // The second revision approved, reopened: both approvals stay as they were.
            _ = try await s.transition(d, tableID: approved.id, action: .submit)
            _ = try await s.transition(f.supervisor, tableID: approved.id, action: .approve)
            let second = try await s.transition(f.finance, tableID: approved.id, action: .approve)
            _ = try await s.transition(d, tableID: approved.id, action: .adjust, reason: "再次调整")
            #expect(try await s.table(f.auditor, id: approved.id, revision: 1) == approved)
            #expect(try await s.table(f.auditor, id: approved.id, revision: 2) == second)
            let snapshots = try await f.superuser { conn in
                try conn.query("SELECT revision FROM table_revision WHERE table_id = $1 ORDER BY revision", [approved.id]).map {
                    try $0.decode(Int.self, "revision")
                }
            }
            #expect(snapshots == [1, 2])
            #expect(try await s.verifyAudit(f.auditor, tableID: approved.id).isEmpty)
        }
    }

    @Test("diff between revisions names added, removed and changed indicators")
    func revisionDiff() async throws {
        try await withFixture { f in
            let s = f.service
            let d = f.centreDrafter
            let approved = try await f.centreTable(in: .approved)
            let (i2, i3, i4) = (approved.indicators[1], approved.indicators[2], approved.indicators[3])
            var current = try await s.transition(d, tableID: approved.id, action: .adjust, reason: "年中调整")
            _ = try await s.updateIndicator(
                d,
                tableID: approved.id,
                indicatorID: i2.id,
                expectVersion: current.indicators[1].version,
                IndicatorChange(value: "160"),
                reason: "调整"
            )
            try await s.removeIndicator(d, tableID: approved.id, indicatorID: i3.id, expectVersion: current.indicators[2].version, reason: "删除")
            let added = try await s.addIndicator(
                d,
                tableID: approved.id,
                IndicatorInput(level1: "效益指标", level2: "经济效益指标", level3: "增收", comparator: .gte, value: "5", unitOfMeasure: "万元"),
                reason: "新增"
            )
            current = try await s.table(d, id: approved.id)
            #expect(current.indicators.map(\.id) == [approved.indicators[0].id, i2.id, i4.id, added.id])

            let diff = try await s.diff(f.auditor, id: approved.id, fromRevision: 1, toRevision: 2)
            #expect(diff.map(\.indicatorID) == [i2.id, i3.id, i4.id, added.id])
            #expect(diff.map(\.change) == ["changed", "removed", "changed", "added"])
            #expect(diff[0].changedFields == ["numeric_value", "value"])
            #expect(field(diff[0].old, "value") == "140")
            #expect(field(diff[0].new, "value") == "160")
            #expect(diff[1].new == nil)
            #expect(field(diff[1].old, "level3") == i3.level3)
            #expect(diff[2].changedFields == ["position"])
            #expect(diff[3].old == nil)
            #expect(field(diff[3].new, "level3") == "增收")

            let backwards = try await s.diff(f.auditor, id: approved.id, fromRevision: 2, toRevision: 1)
            #expect(backwards.map(\.change) == ["changed", "added", "changed", "removed"])
            #expect(try await s.diff(f.auditor, id: approved.id, fromRevision: 1, toRevision: 1).isEmpty)
            await expectServiceError(.notFound) { try await s.diff(f.auditor, id: approved.id, fromRevision: 1, toRevision: 3) }
        }
    }

    @Test("history by table, by indicator, by actor and by time range")
    func historyQueries() async throws {
        try await withFixture { f in
            let s = f.service
            let centre = try await f.centreTable(in: .draft)
            let target = centre.indicators[2]
            _ = try await s.updateIndicator(
                f.centreDrafter,
                tableID: centre.id,
                indicatorID: target.id,
                expectVersion: target.version,
                IndicatorChange(remark: "一"),
                reason: "一"
            )
            let middle = try await f.databaseNow()
            let bureau = try await s.createTable(f.bureauDrafter, f.projectTable(unit: "301"))
            _ = try await s.updateIndicator(
                f.centreDrafter,
                tableID: centre.id,
                indicatorID: target.id,
                expectVersion: target.version + 1,
                IndicatorChange(remark: "二"),
                reason: "二"
            )
            _ = try await s.transition(f.centreDrafter, tableID: centre.id, action: .submit)
            let end = try await f.databaseNow()

            // by table: newest first, only that table
            let byTable = try await s.history(f.centreDrafter, .table(centre.id))
            #expect(byTable.count == 9, "created (1 + 4), two edits, submit (2)")
            #expect(byTable.allSatisfy { $0.tableID == centre.id })
            #expect(byTable.map(\.seq) == Array((1...Int64(byTable.count)).reversed()))
            #expect(try await s.history(f.supervisor, .table(centre.id), limit: 3).map(\.seq) == Array(byTable.prefix(3).map(\.seq)))

            // by indicator
            let byIndicator = try await s.history(f.centreDrafter, .indicator(target.id))
            #expect(byIndicator.map(\.op) == ["update", "update", "insert"])
            #expect(byIndicator.map(\.reason) == ["二", "一", "created"])
            #expect(byIndicator.allSatisfy { $0.indicatorID == target.id })

            // by actor: audit readers only
            let byActor = try await s.history(f.auditor, .actor("bureau-drafter"))
            #expect(byActor.count == 5)
            #expect(byActor.allSatisfy { $0.actor == "bureau-drafter" && $0.tableID == bureau.id })
            #expect(try await s.history(f.finance, .actor("centre-drafter")).count == byTable.count)
            #expect(try await s.history(f.auditor, .actor("nobody")).isEmpty)
            await expectServiceError(.forbidden, "not-permitted") { try await s.history(f.centreDrafter, .actor("centre-drafter")) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.history(f.supervisor, .actor("centre-drafter")) }

            // by time range
            let early = try await s.history(f.auditor, .all, until: middle)
            let late = try await s.history(f.auditor, .all, since: middle, until: end)
            #expect(early.count == 6)
            #expect(early.allSatisfy { $0.changedAt < middle && $0.tableID == centre.id })
            #expect(late.count == 8, "the bureau's table (1 + 4), one edit, submit (2)")
            #expect(late.allSatisfy { $0.changedAt >= middle && $0.changedAt < end })
            #expect(late.map(\.changedAt) == late.map(\.changedAt).sorted(by: >), "newest first")
            #expect(try await s.history(f.auditor, .all, since: end).isEmpty)
            let centreLate = try await s.history(f.centreDrafter, .table(centre.id), since: middle)
            #expect(centreLate.map(\.reason) == [nil, nil, "二"])
            #expect(try await s.history(f.auditor, .actor("centre-drafter"), since: middle).count == 3)
        }
    }
}
