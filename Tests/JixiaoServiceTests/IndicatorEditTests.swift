import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: adding, moving and removing indicators")
struct IndicatorEditTests {
    private static func input(_ name: String) -> IndicatorInput {
        IndicatorInput(level1: "产出指标", level2: "质量指标", level3: name, comparator: .gte, value: "95", unitOfMeasure: "%")
    }

    @Test("adding in the middle shifts the rest; positions stay 1…n; every row change is audited")
    func addInMiddle() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let rowsBefore = try await f.auditCount(table.id)
            let added = try await f.service.addIndicator(f.centreDrafter, tableID: table.id, Self.input("新增"), position: 2, reason: "补充")
            #expect(added.position == 2)
            #expect(added.version == 1)
            let after = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(after.indicators.map(\.position) == [1, 2, 3, 4, 5])
            #expect(after.indicators.map(\.id) == [table.indicators[0].id, added.id] + table.indicators.dropFirst().map(\.id))
            #expect(try await f.auditCount(table.id) == rowsBefore + 1 + 3)
            #expect(try await f.auditCount(table.id, "op = 'insert' AND indicator_id = \(added.id) AND reason = '补充'") == 1)
        }
    }

    @Test("adding without a position appends; positions outside 1…n+1 are refused")
    func addAtEnd() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let added = try await f.service.addIndicator(f.centreDrafter, tableID: table.id, Self.input("末尾"), reason: "补充")
            #expect(added.position == 5)
            for position in [0, 7, -1] {
                await expectServiceError(.invalid) {
                    try await f.service.addIndicator(f.centreDrafter, tableID: table.id, Self.input("越界"), position: position, reason: "x")
                }
            }
            let after = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(after.indicators.map(\.position) == [1, 2, 3, 4, 5])
            #expect(after.indicators.last == added)
        }
    }

    @Test("moving down and up keeps positions 1…n, and each shifted row is audited as a position change")
    func move() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft, indicatorCount: 6)
            let ids = table.indicators.map(\.id)
            let rowsBefore = try await f.auditCount(table.id)
            // down: 2 → 5
            var order = try await f.service.moveIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: ids[1],
                expectVersion: 1,
                to: 5,
                reason: "下移"
            )
            #expect(order.map(\.id) == [ids[0], ids[2], ids[3], ids[4], ids[1], ids[5]])
            #expect(order.map(\.position) == Array(1...6))
            #expect(try await f.auditCount(table.id) == rowsBefore + 4)
            #expect(try await f.auditCount(table.id, "reason = '下移' AND changed_fields = '{position}'") == 4)
            // up: the last to the top
            let last = try #require(order.last)
            order = try await f.service.moveIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: last.id,
                expectVersion: last.version,
                to: 1,
                reason: "上移"
            )
            #expect(order.map(\.id) == [ids[5], ids[0], ids[2], ids[3], ids[4], ids[1]])
            #expect(order.map(\.position) == Array(1...6))
            #expect(try await f.auditCount(table.id, "reason = '上移'") == 6)
            // to where it already is: nothing to do, nothing audited
            let first = order[0]
            let same = try await f.service.moveIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: first.id,
                expectVersion: first.version,
                to: 1,
                reason: "原地"
            )
            #expect(same == order)
            #expect(try await f.auditCount(table.id, "reason = '原地'") == 0)
            #expect(try await f.service.table(f.centreDrafter, id: table.id).indicators == order)
        }
    }

    @Test("moving with a stale version or outside 1…n is refused and changes nothing")
    func moveRefused() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let target = table.indicators[3]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: 1,
                IndicatorChange(remark: "改过"),
                reason: "改"
            )
            let before = try await f.service.table(f.centreDrafter, id: table.id)
            let error = await expectServiceError(.conflict, "version-conflict") {
                try await f.service.moveIndicator(f.centreDrafter, tableID: table.id, indicatorID: target.id, expectVersion: 1, to: 1, reason: "x")
            }
            if case .indicator(let current)? = error?.current {
                #expect(current == before.indicators[3])
            } else {
                Issue.record("the conflict carries no indicator")
            }
            for position in [0, 5] {
                await expectServiceError(.invalid) {
                    try await f.service.moveIndicator(
                        f.centreDrafter,
                        tableID: table.id,
                        indicatorID: target.id,
                        expectVersion: 2,
                        to: position,
                        reason: "x"
                    )
                }
            }
            #expect(try await f.service.table(f.centreDrafter, id: table.id) == before)
        }
    }

    @Test("removing closes the gap; the deletion and each shift are audited")
    func remove() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft, indicatorCount: 6)
            let victim = table.indicators[1]
            let rowsBefore = try await f.auditCount(table.id)
            try await f.service.removeIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: victim.id,
                expectVersion: victim.version,
                reason: "删除"
            )
            let after = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(after.indicators.map(\.position) == Array(1...5))
            #expect(after.indicators.map(\.id) == table.indicators.map(\.id).filter { $0 != victim.id })
            #expect(try await f.auditCount(table.id) == rowsBefore + 1 + 4)
            #expect(
                try await f.auditCount(table.id, "op = 'delete' AND indicator_id = \(victim.id) AND reason = '删除' AND actor = 'centre-drafter'") == 1
            )
            // The last one: nothing to shift.
            let last = try #require(after.indicators.last)
            try await f.service.removeIndicator(f.centreDrafter, tableID: table.id, indicatorID: last.id, expectVersion: last.version, reason: "删除末尾")
            #expect(try await f.service.table(f.centreDrafter, id: table.id).indicators.map(\.position) == Array(1...4))
            await expectServiceError(.notFound) {
                try await f.service.removeIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: victim.id,
                    expectVersion: victim.version,
                    reason: "再删"
                )
            }
        }
    }

    @Test("removing with a stale version is a conflict and removes nothing")
    func removeStale() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let target = table.indicators[2]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: 1,
                IndicatorChange(value: "显著"),
                reason: "改"
            )
            await expectServiceError(.conflict, "version-conflict") {
                try await f.service.removeIndicator(f.centreDrafter, tableID: table.id, indicatorID: target.id, expectVersion: 1, reason: "x")
            }
            let after = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(after.indicators.count == 4)
            #expect(after.indicators[2].value == "显著")
            #expect(try await f.auditCount(table.id, "op = 'delete'") == 0)
        }
    }

    @Test("an indicator is addressed through its own table only")
    func wrongTable() async throws {
        try await withFixture { f in
            let a = try await f.centreTable(in: .draft)
            let b = try await f.centreTable(in: .draft)
            let foreign = b.indicators[0]
            await expectServiceError(.notFound) {
                try await f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: a.id,
                    indicatorID: foreign.id,
                    expectVersion: 1,
                    IndicatorChange(value: "1"),
                    reason: "x"
                )
            }
            await expectServiceError(.notFound) {
                try await f.service.moveIndicator(f.centreDrafter, tableID: a.id, indicatorID: foreign.id, expectVersion: 1, to: 1, reason: "x")
            }
            await expectServiceError(.notFound) {
                try await f.service.removeIndicator(f.centreDrafter, tableID: a.id, indicatorID: foreign.id, expectVersion: 1, reason: "x")
            }
            #expect(try await f.service.table(f.centreDrafter, id: b.id) == b)
            #expect(try await f.service.table(f.centreDrafter, id: a.id) == a)
        }
    }

    @Test("an empty change is refused; the numeric column follows the value text")
    func updateValues() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            await expectServiceError(.invalid) {
                try await f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: table.indicators[0].id,
                    expectVersion: 1,
                    IndicatorChange(),
                    reason: "x"
                )
            }
            let target = table.indicators[1]
            var updated = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: 1,
                IndicatorChange(comparator: .some(nil), value: "1,234.50", unitOfMeasure: "人次"),
                reason: "改"
            )
            #expect(updated.comparator == nil)
            #expect(updated.unitOfMeasure == "人次")
            func numeric() async throws -> String? {
                try await f.superuser { conn in
                    try conn.query("SELECT numeric_value::text AS n FROM indicator WHERE id = $1", [target.id]).first!.decode(String?.self, "n")
                }
            }
            #expect(try await numeric().flatMap { FixedDecimal($0) } == FixedDecimal("1234.5"))
            updated = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: target.id,
                expectVersion: updated.version,
                IndicatorChange(comparator: .some(.qualitative), value: "明显"),
                reason: "改"
            )
            #expect(updated.comparator == .qualitative)
            #expect(try await numeric() == nil)
        }
    }
}
