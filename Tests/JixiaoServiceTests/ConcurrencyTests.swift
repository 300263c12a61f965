import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: optimistic concurrency")
struct ConcurrencyTests {
    @Test("a stale indicator update is a conflict carrying the indicator's current state")
    func staleIndicatorUpdate() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let read = table.indicators[1]
            let first = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: read.id,
                expectVersion: read.version,
                IndicatorChange(value: "150"),
                reason: "第一次"
            )
            #expect(first.version == read.version + 1)
            let auditRows = try await f.auditCount(table.id)
            let error = await expectServiceError(.conflict, "version-conflict") {
                try await f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: read.id,
                    expectVersion: read.version,
                    IndicatorChange(value: "160"),
                    reason: "过时"
                )
            }
            guard case .indicator(let current)? = error?.current else {
                Issue.record("the conflict carries no indicator: \(String(describing: error?.current))")
                return
            }
            #expect(current == first)
            #expect(current.value == "150")
            let now = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(now.indicators[1] == first)
            #expect(try await f.auditCount(table.id) == auditRows, "a refused write left an audit row")
            // With the version just returned, the write goes through.
            let second = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: read.id,
                expectVersion: current.version,
                IndicatorChange(value: "160"),
                reason: "重试"
            )
            #expect(second.value == "160")
            #expect(second.version == current.version + 1)
        }
    }

    @Test("writes to two different indicators of one table never conflict, not even at the same moment")
    func differentIndicators() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft, indicatorCount: 6)
            for round in 0..<5 {
                let current = try await f.service.table(f.centreDrafter, id: table.id)
                let a = current.indicators[1]
                let b = current.indicators[4]
                async let first = f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: a.id,
                    expectVersion: a.version,
                    IndicatorChange(value: "\(200 + round)"),
                    reason: "a"
                )
                async let second = f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: b.id,
                    expectVersion: b.version,
                    IndicatorChange(value: "\(300 + round)"),
                    reason: "b"
                )
                let (x, y) = try await (first, second)
                #expect(x.value == "\(200 + round)")
                #expect(y.value == "\(300 + round)")
            }
            let final = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(final.indicators[1].value == "204")
            #expect(final.indicators[4].value == "304")
            #expect(final.indicators[1].version == 6)
            #expect(final.indicators[4].version == 6)
            #expect(final.version == table.version, "indicator edits do not touch the header's version")
        }
    }

    @Test("a stale header update is a conflict carrying the table's current state")
    func staleHeaderUpdate() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let renamed = try await f.service.updateHeader(f.centreDrafter, id: table.id, expectVersion: table.version, title: "新标题", reason: "改名")
            #expect(renamed.version == table.version + 1)
            #expect(renamed.title == "新标题")
            let error = await expectServiceError(.conflict, "version-conflict") {
                try await f.service.updateHeader(f.centreDrafter, id: table.id, expectVersion: table.version, goals: ["另一目标"], reason: "过时")
            }
            guard case .table(let current)? = error?.current else {
                Issue.record("the conflict carries no table: \(String(describing: error?.current))")
                return
            }
            #expect(current.version == renamed.version)
            #expect(current.title == "新标题")
            #expect(current.goals == table.goals)
            #expect(try await f.service.table(f.centreDrafter, id: table.id) == renamed)
        }
    }

    @Test("a transition naming a stale version is a conflict")
    func staleTransition() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let renamed = try await f.service.updateHeader(f.centreDrafter, id: table.id, expectVersion: table.version, title: "新标题", reason: "改名")
            let error = await expectServiceError(.conflict, "version-conflict") {
                try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit, expectVersion: table.version)
            }
            if case .table(let current)? = error?.current {
                #expect(current.version == renamed.version)
            } else {
                Issue.record("the conflict carries no table")
            }
            #expect(try await f.service.table(f.centreDrafter, id: table.id).status == .draft)
            let submitted = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit, expectVersion: renamed.version)
            #expect(submitted.status == .submitted)
        }
    }

    private enum Outcome: Sendable {
        case success(task: Int, indicator: Int64, version: Int)
        case conflict(task: Int, indicator: Int64)
    }

    @Test("50 concurrent writers on 10 indicators: every success audited once, no write lost silently")
    func fiftyWriters() async throws {
        try await withFixture(poolSize: 8) { f in
            let table = try await f.centreTable(in: .draft, indicatorCount: 10)
            let ids = table.indicators.map(\.id)
            let service = f.service
            let drafter = f.centreDrafter
            let tableID = table.id
            let attempts = 50
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for task in 0..<attempts {
                    group.addTask {
                        let id = ids[task % ids.count]
                        let read = try await service.table(drafter, id: tableID).indicators.first { $0.id == id }!
                        do {
                            let written = try await service.updateIndicator(
                                drafter,
                                tableID: tableID,
                                indicatorID: id,
                                expectVersion: read.version,
                                IndicatorChange(value: "\(1000 + task)"),
                                reason: "task \(task)"
                            )
                            return .success(task: task, indicator: id, version: written.version)
                        } catch let error as ServiceError where error.kind == .conflict {
                            return .conflict(task: task, indicator: id)
                        }
                    }
                }
                var all: [Outcome] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            var successes: [Int64: [Int]] = [:]
            var conflicts = 0
            for outcome in outcomes {
                switch outcome {
                case .success(let task, let id, _): successes[id, default: []].append(task)
                case .conflict: conflicts += 1
                }
            }
            let successCount = successes.values.map(\.count).reduce(0, +)
            #expect(successCount + conflicts == attempts, "every attempt either succeeded or was told of a conflict")
            // Someone always wins: an indicator nobody changed would still be at the version everyone read.
            #expect(Set(successes.keys) == Set(ids))

            let audit = try await f.superuser { conn in
                try conn.query(
                    """
                    SELECT indicator_id, count(*)::int AS n, array_agg(reason ORDER BY seq) AS reasons,
                           (array_agg(new_values->>'value' ORDER BY seq DESC))[1] AS last_value,
                           (array_agg((new_values->>'version')::int ORDER BY seq DESC))[1] AS last_version,
                           bool_and(actor = 'centre-drafter') AS by_drafter
                    FROM audit_log WHERE table_id = $1 AND entity = 'indicator' AND op = 'update'
                    GROUP BY indicator_id
                    """,
                    [tableID]
                ).map { row in
                    (
                        id: try row.decode(Int64.self, "indicator_id"), count: try row.decode(Int.self, "n"),
                        reasons: try row.decode([String].self, "reasons"), lastValue: try row.decode(String.self, "last_value"),
                        lastVersion: try row.decode(Int.self, "last_version"), byDrafter: try row.decode(Bool.self, "by_drafter")
                    )
                }
            }
            let final = try await service.table(drafter, id: tableID)
            #expect(audit.count == ids.count)
            for row in audit {
                let won = successes[row.id] ?? []
                #expect(row.count == won.count, "indicator \(row.id): \(row.count) audit rows for \(won.count) successful updates")
                #expect(Set(row.reasons) == Set(won.map { "task \($0)" }), "the audit rows are exactly the successful updates")
                #expect(row.byDrafter)
                let indicator = try #require(final.indicators.first { $0.id == row.id })
                #expect(indicator.value == row.lastValue, "the final value is the last audited one")
                #expect(indicator.version == row.lastVersion)
                #expect(indicator.version == 1 + won.count, "one version step per successful update")
            }
            #expect(try await service.verifyAudit(f.auditor, tableID: tableID).isEmpty)
        }
    }

    @Test("edits racing a submit either land before it or are refused: none is recorded against a submitted table")
    func editsRacingSubmit() async throws {
        try await withFixture(poolSize: 6) { f in
            let table = try await f.centreTable(in: .draft, indicatorCount: 8)
            let service = f.service
            let drafter = f.centreDrafter
            let tableID = table.id
            let results = await withTaskGroup(of: (String, Result<Void, Error>).self) { group in
                for indicator in table.indicators.dropFirst(4) {
                    group.addTask {
                        (
                            "edit",
                            await Result {
                                _ = try await service.updateIndicator(
                                    drafter,
                                    tableID: tableID,
                                    indicatorID: indicator.id,
                                    expectVersion: indicator.version,
                                    IndicatorChange(remark: "赶在提交前"),
                                    reason: "赶工"
                                )
                            }
                        )
                    }
                }
                group.addTask {
                    ("submit", await Result { _ = try await service.transition(drafter, tableID: tableID, action: .submit) })
                }
                var all: [(String, Result<Void, Error>)] = []
                for await result in group { all.append(result) }
                return all
            }
            var landed = 0
            for (what, result) in results {
                switch result {
                case .success:
                    if what == "edit" { landed += 1 }
                case .failure(let error):
                    #expect(what == "edit", "the submit failed: \(error)")
                    #expect((error as? ServiceError)?.code.rawValue == "wrong-state", "\(error)")
                }
            }
            let final = try await service.table(drafter, id: tableID)
            #expect(final.status == .submitted)
            #expect(final.indicators.filter { $0.remark == "赶在提交前" }.count == landed)
            #expect(try await f.auditCount(tableID, "entity = 'indicator' AND op = 'update' AND table_status <> 'draft'") == 0)
            #expect(try await f.auditCount(tableID, "entity = 'indicator' AND op = 'update'") == landed)
        }
    }

    @Test("the same transition asked for five times at once happens once")
    func concurrentSubmits() async throws {
        try await withFixture(poolSize: 5) { f in
            let table = try await f.centreTable(in: .draft)
            let service = f.service
            let drafter = f.centreDrafter
            let results = await withTaskGroup(of: Result<Void, Error>.self) { group in
                for _ in 0..<5 {
                    group.addTask { await Result { _ = try await service.transition(drafter, tableID: table.id, action: .submit) } }
                }
                var all: [Result<Void, Error>] = []
                for await result in group { all.append(result) }
                return all
            }
            var succeeded = 0
            for result in results {
                switch result {
                case .success: succeeded += 1
                case .failure(let error): #expect((error as? ServiceError)?.code.rawValue == "wrong-state", "\(error)")
                }
            }
            #expect(succeeded == 1)
            #expect(try await f.auditCount(table.id, "entity = 'workflow'") == 1)
            #expect(try await service.table(drafter, id: table.id).version == table.version + 1)
        }
    }

    @Test("concurrent additions keep positions 1…n")
    func concurrentAdds() async throws {
        try await withFixture(poolSize: 6) { f in
            let table = try await f.centreTable(in: .draft)
            let service = f.service
            let drafter = f.centreDrafter
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<12 {
                    group.addTask {
                        _ = try await service.addIndicator(
                            drafter,
                            tableID: table.id,
                            IndicatorInput(level1: "产出指标", level2: "质量指标", level3: "并发\(n)", comparator: .gte, value: "\(n)", unitOfMeasure: "%"),
                            position: n % 2 == 0 ? 1 : nil,
                            reason: "并发添加"
                        )
                    }
                }
                try await group.waitForAll()
            }
            let final = try await service.table(drafter, id: table.id)
            #expect(final.indicators.map(\.position) == Array(1...16))
            #expect(Set(final.indicators.map(\.level3)).count == 16)
            #expect(try await f.auditCount(table.id, "entity = 'indicator' AND op = 'insert'") == 16)
            #expect(try await service.verifyAudit(f.auditor, tableID: table.id).isEmpty)
        }
    }

    @Test("edits of single indicators next to reorders and removals of the same table: no deadlock, positions stay 1…n")
    func editsBesideReorders() async throws {
        try await withFixture(poolSize: 8) { f in
            let table = try await f.centreTable(in: .draft, indicatorCount: 12)
            let service = f.service
            let drafter = f.centreDrafter
            let tableID = table.id
            for round in 0..<4 {
                let current = try await service.table(drafter, id: tableID)
                let results = await withTaskGroup(of: Result<Void, Error>.self) { group in
                    // one structural change …
                    let moved = current.indicators[0]
                    group.addTask {
                        await Result {
                            if round % 2 == 0 {
                                _ = try await service.moveIndicator(
                                    drafter,
                                    tableID: tableID,
                                    indicatorID: moved.id,
                                    expectVersion: moved.version,
                                    to: current.indicators.count,
                                    reason: "重排"
                                )
                            } else {
                                try await service.removeIndicator(
                                    drafter,
                                    tableID: tableID,
                                    indicatorID: moved.id,
                                    expectVersion: moved.version,
                                    reason: "删除"
                                )
                            }
                        }
                    }
                    // … beside value edits of the indicators it shifts
                    for indicator in current.indicators.dropFirst().prefix(6) {
                        group.addTask {
                            await Result {
                                _ = try await service.updateIndicator(
                                    drafter,
                                    tableID: tableID,
                                    indicatorID: indicator.id,
                                    expectVersion: indicator.version,
                                    IndicatorChange(remark: "第\(round)轮"),
                                    reason: "并发修改"
                                )
                            }
                        }
                    }
                    var all: [Result<Void, Error>] = []
                    for await result in group { all.append(result) }
                    return all
                }
                for case .failure(let error) in results {
                    // A shifted indicator has a new version: a conflict is a correct answer, anything else is not.
                    #expect((error as? ServiceError)?.kind == .conflict, "\(error)")
                }
                let after = try await service.table(drafter, id: tableID)
                #expect(after.indicators.map(\.position) == Array(1...after.indicators.count))
            }
            #expect(try await service.verifyAudit(f.auditor, tableID: tableID).isEmpty)
            // The server counts deadlocks it broke (the pool retried them silently, after deadlock_timeout).
            let deadlocks = try await f.deadlocks()
            #expect(deadlocks == 0)
        }
    }
}

extension Fixture {
    /// Deadlocks the server detected in this database. Closes the pool first: backends report
    /// their statistics when they end.
    func deadlocks() async throws -> Int {
        await self.close()
        return try await self.superuser { conn in
            for _ in 0..<200 {
                let others = try conn.query(
                    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
                .first!.decode(Int.self, "n")
                if others == 0 { break }
                usleep(10_000)
            }
            try conn.execute("SELECT pg_stat_clear_snapshot()")
            return try conn.query("SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()")
                .first!.decode(Int.self, "n")
        }
    }
}

extension Result where Failure == Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
