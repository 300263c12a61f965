import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// 权重 end to end in the service: stored exactly, audited, in history and revision diffs, in
/// the findings, in CSV edits; and `audit verify` on a trail written before the column existed.
@Suite("Service: indicator weights (权重)")
struct WeightTests {
    @Test("a database with tables and audit rows from before migration 0009 still verifies after it")
    func verifyAcrossTheWeightMigration() async throws {
        let all = try Migrator(directory: TestDatabase.schemaDirectory)
        #expect(all.migrations.contains { $0.version == 9 })
        try await withDatabase(empty: true) { url in
            let tableID = try await offPool { try approvedTableBeforeMigration(9, url: url) }
            try await offPool { _ = try all.migrate(try Connection(url)) }
            let service = JixiaoService(database: Database(.init(url: url, poolSize: 2)))
            let drafter = try await service.caller(login: "d")
            let auditor = try await service.caller(login: "a")
            #expect(try await service.verifyAudit(auditor).isEmpty)
            let asApproved = try await service.table(auditor, id: tableID, revision: 1)
            #expect(asApproved.indicators.map(\.value) == ["150", "90"])
            #expect(asApproved.indicators.allSatisfy { $0.weight == nil })
            // A weight given after the migration is audited like any field, and still verifies.
            let reopened = try await service.transition(drafter, tableID: tableID, action: .adjust, reason: "加权重")
            let first = reopened.indicators[0]
            var change = IndicatorChange()
            change.set(\.weight, Weight("20"))
            let weighted = try await service.updateIndicator(
                drafter,
                tableID: tableID,
                indicatorID: first.id,
                expectVersion: first.version,
                change,
                reason: "加权重"
            )
            #expect(weighted.weight == Weight("20"))
            #expect(try await service.verifyAudit(auditor).isEmpty)
            let diff = try await service.diff(auditor, id: tableID, fromRevision: 1, toRevision: 2)
            #expect(diff.first?.changedFields.contains("weight") == true)
            await service.database.close()
        }
    }

    @Test("stored exactly, in history, in the revision diff, in the findings, in CSV edits")
    func endToEnd() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let first = table.indicators[0]
            var change = IndicatorChange()
            change.set(\.weight, Weight("12.5"))
            let weighted = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: first.id,
                expectVersion: first.version,
                change,
                reason: "权重"
            )
            #expect(weighted.weight?.description == "12.5")
            let stored = try await f.superuser { conn in
                try conn.query("SELECT weight::text AS w FROM indicator WHERE id = $1", [first.id]).first!.decode(String.self, "w")
            }
            #expect(stored == "12.50")

            // Only one of four has a weight: a warning with the sum.
            let findings = try await f.service.findings(f.centreDrafter, id: table.id)
            let incomplete = try #require(findings.first { $0.code == .weightsIncomplete })
            #expect(incomplete.severity == .warning)
            #expect(incomplete.message.contains("1 of 4") && incomplete.message.contains("12.5"))

            // History shows the weight by its API name, as a string.
            let history = try await f.service.history(f.auditor, .indicator(first.id))
            let entry = try #require(history.first)
            #expect(entry.changedFields?.contains("weight") == true)

            // CSV: the weight column exports, and an edited weight comes back as a change.
            let csv = try await f.service.exportCSV(f.centreDrafter, tableIDs: [table.id])
            #expect(csv.contains("12.5"))
            let edited = csv.replacingOccurrences(of: ",12.5,", with: ",30,")
            #expect(edited != csv)
            let outcome = try await f.service.importCSV(f.centreDrafter, text: edited, reason: "权重调整")
            #expect(outcome.changed.count == 1)
            #expect(try await f.service.table(f.auditor, id: table.id).indicators[0].weight == Weight("30"))

            // Every indicator weighted: no finding.
            var current = try await f.service.table(f.centreDrafter, id: table.id)
            for indicator in current.indicators.dropFirst() {
                var give = IndicatorChange()
                give.set(\.weight, Weight("10"))
                _ = try await f.service.updateIndicator(
                    f.centreDrafter,
                    tableID: table.id,
                    indicatorID: indicator.id,
                    expectVersion: indicator.version,
                    give,
                    reason: "权重"
                )
            }
            current = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(current.indicators.allSatisfy { $0.weight != nil })
            #expect(try await !f.service.findings(f.centreDrafter, id: table.id).contains { $0.code == .weightsIncomplete })
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }

    @Test("the database refuses a negative weight as Core does")
    func negative() async throws {
        #expect(Weight("-1") == nil)
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let state = try await f.superuser { conn in
                sqlState { try conn.execute("UPDATE indicator SET weight = -1 WHERE id = $1", [table.indicators[0].id]) }
            }
            #expect(state == "23514")
        }
    }
}
