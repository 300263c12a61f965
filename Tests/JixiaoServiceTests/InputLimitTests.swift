import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// The red team's flood of the append-only trail (issue 15, item 5), replayed: each oversized
/// input is refused before anything is written.
@Suite("Service: limits on what enters the trail")
struct InputLimitTests {
    @Test("an oversized reason, value or text is refused (too-long) and nothing is audited")
    func oversizedTexts() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let indicator = table.indicators[0]
            let before = try await f.auditCount(table.id)
            let longReason = String(repeating: "理", count: InputLimits.reason + 1)
            let changes: [(IndicatorChange, String)] = [
                (IndicatorChange(remark: "备注"), longReason),
                (IndicatorChange(value: String(repeating: "9", count: InputLimits.value + 1)), "改"),
                (IndicatorChange(content: String(repeating: "内", count: InputLimits.text + 1)), "改"),
            ]
            for (change, reason) in changes {
                await expectServiceError(.invalid, "too-long") {
                    try await f.service.updateIndicator(
                        f.centreDrafter,
                        tableID: table.id,
                        indicatorID: indicator.id,
                        expectVersion: indicator.version,
                        change,
                        reason: reason
                    )
                }
            }
            await expectServiceError(.invalid, "too-long") {
                try await f.service.updateHeader(
                    f.centreDrafter,
                    id: table.id,
                    expectVersion: table.version,
                    title: String(repeating: "题", count: InputLimits.text + 1),
                    reason: "改"
                )
            }
            _ = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            await expectServiceError(.invalid, "too-long") {
                try await f.service.transition(f.supervisor, tableID: table.id, action: .return, reason: longReason)
            }
            #expect(try await f.auditCount(table.id) == before + 2)  // the submit: its update and its event
        }
    }

    @Test("a table takes at most the limit of indicators, whichever way they come")
    func indicatorsPerTable() async throws {
        try await withFixture { f in
            await expectServiceError(.invalid, "too-many") {
                try await f.service.createTable(f.centreDrafter, f.projectTable(indicatorCount: InputLimits.indicatorsPerTable + 1))
            }
            let full = try await f.service.createTable(f.centreDrafter, f.projectTable(indicatorCount: InputLimits.indicatorsPerTable))
            await expectServiceError(.invalid, "too-many") {
                try await f.service.addIndicator(f.centreDrafter, tableID: full.id, IndicatorInput(full.indicators[0]), reason: "再加一个")
            }
        }
    }

    @Test("one import brings at most the limit of indicators")
    func indicatorsPerImport() async throws {
        try await withFixture { f in
            let seed = try Seed.text
            let copies = InputLimits.indicatorsPerImport / 182 + 1
            let text = Array(repeating: seed, count: copies).joined(separator: "\n")
            await expectServiceError(.invalid, "too-many") {
                try await f.service.importDocument(f.admin, text: text, source: "flood", createUnits: true)
            }
            #expect(try await f.service.listTables(f.admin).isEmpty)
        }
    }
}
