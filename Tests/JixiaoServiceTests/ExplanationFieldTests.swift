import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// 指标解释 in the service: stored, audited, in history, revision diffs and CSV edits; and
/// `audit verify` on a trail written before the column existed.
@Suite("Service: 指标解释 (explanation)")
struct ExplanationFieldTests {
    @Test("a database with tables and audit rows from before migration 0010 still verifies after it")
    func verifyAcrossTheMigration() async throws {
        let all = try Migrator(directory: TestDatabase.schemaDirectory)
        #expect(all.migrations.contains { $0.version == 10 && $0.name == "indicator_explanation" })
        try await withDatabase(empty: true) { url in
            let tableID = try await offPool { try approvedTableBeforeMigration(10, url: url) }
            try await offPool { _ = try all.migrate(try Connection(url)) }
            let service = JixiaoService(database: Database(.init(url: url, poolSize: 2)))
            let drafter = try await service.caller(login: "d")
            let auditor = try await service.caller(login: "a")
            #expect(try await service.verifyAudit(auditor).isEmpty)
            let asApproved = try await service.table(auditor, id: tableID, revision: 1)
            #expect(asApproved.indicators.map(\.value) == ["150", "90"])
            #expect(asApproved.indicators.allSatisfy { $0.explanation.isEmpty })
            let reopened = try await service.transition(drafter, tableID: tableID, action: .adjust, reason: "补指标解释")
            let first = reopened.indicators[0]
            var change = IndicatorChange()
            change.set(\.explanation, "按发放花名册统计")
            let explained = try await service.updateIndicator(
                drafter,
                tableID: tableID,
                indicatorID: first.id,
                expectVersion: first.version,
                change,
                reason: "补指标解释"
            )
            #expect(explained.explanation == "按发放花名册统计")
            #expect(try await service.verifyAudit(auditor).isEmpty)
            let diff = try await service.diff(auditor, id: tableID, fromRevision: 1, toRevision: 2)
            #expect(diff.first?.changedFields.contains("explanation") == true)
            let history = try await service.history(auditor, .indicator(first.id))
            #expect(history.first?.changedFields?.contains("explanation") == true)
            await service.database.close()
        }
    }

    @Test("CSV: the column exports, and an edited explanation comes back as an audited change")
    func csv() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let first = table.indicators[0]
            var change = IndicatorChange()
            change.set(\.explanation, "旧解释")
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: first.id,
                expectVersion: first.version,
                change,
                reason: "解释"
            )
            let csv = try await f.service.exportCSV(f.centreDrafter, tableIDs: [table.id])
            #expect(csv.split(whereSeparator: \.isNewline).first?.hasSuffix(",explanation") == true)
            let edited = csv.replacingOccurrences(of: "旧解释", with: "新解释")
            let outcome = try await f.service.importCSV(f.centreDrafter, text: edited, reason: "改解释")
            #expect(outcome.changed.count == 1)
            #expect(try await f.service.table(f.auditor, id: table.id).indicators[0].explanation == "新解释")
            #expect(try await f.service.verifyAudit(f.auditor).isEmpty)
        }
    }
}
