import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// The real source document: `<repo>/Deploy/samples/targets-2025.txt`, the repository's copy of
/// `shared/seeds/000_f6b97af974f3ec0e.txt` (byte for byte).
enum Seed {
    static let url = ProjectPath.seed
    static var text: String { get throws { try ProjectPath.seedText() } }
}

@Suite("Service: importing source documents")
struct ImportTests {
    @Test("the whole seed imports as drafts of its units, every row audited; importing it again changes nothing")
    func seedImportsOnce() async throws {
        try await withFixture { f in
            let text = try Seed.text
            let first = try await f.service.importDocument(f.admin, text: text, source: "seed", createUnits: true)
            #expect(first.tables.count == 13)
            #expect(first.tables.allSatisfy { $0.action == .created })
            #expect(first.changedSomething)
            // The fixture has the bureau and the centre; the document names more units.
            #expect(!first.createdUnits.isEmpty)
            #expect(!first.createdUnits.contains("和政县人力资源和社会保障局"))
            let indicatorCount = first.tables.reduce(0) { $0 + $1.parsed.indicators.count }
            #expect(indicatorCount == 182)
            let (audited, stored, drafts) = try await f.superuser { conn in
                (
                    try conn.query(
                        "SELECT count(*)::int AS n FROM audit_log WHERE entity = 'indicator' AND op = 'insert' AND reason = 'imported from seed'"
                    ).first!.decode(Int.self, "n"),
                    try conn.query("SELECT count(*)::int AS n FROM indicator").first!.decode(Int.self, "n"),
                    try conn.query("SELECT count(*)::int AS n FROM target_table WHERE status = 'draft'").first!.decode(Int.self, "n")
                )
            }
            #expect(audited == 182)
            #expect(stored == 182)
            #expect(drafts == 13)
            // The bonus project keeps its line numbers and its cost finding.
            let bonus = try #require(first.tables.first { $0.parsed.indicators.contains { $0.value == "160" && $0.unitOfMeasure == "万元" } })
            let table = try await f.service.table(f.admin, id: try #require(bonus.tableID))
            #expect(table.indicators.allSatisfy { $0.line != nil })
            #expect(try await f.service.findings(f.admin, id: table.id).contains { $0.code == .costMismatch })

            let auditedBefore = try await f.superuser { conn in
                try conn.query("SELECT count(*)::int AS n FROM audit_log").first!.decode(Int.self, "n")
            }
            let again = try await f.service.importDocument(f.admin, text: text, source: "seed", createUnits: true)
            #expect(again.tables.allSatisfy { $0.action == .unchanged })
            #expect(!again.changedSomething)
            #expect(again.createdUnits.isEmpty)
            let auditedAfter = try await f.superuser { conn in
                try conn.query("SELECT count(*)::int AS n FROM audit_log").first!.decode(Int.self, "n")
            }
            #expect(auditedAfter == auditedBefore)
        }
    }

    @Test("a dry run reports what would happen and writes nothing")
    func dryRunWritesNothing() async throws {
        try await withFixture { f in
            let outcome = try await f.service.importDocument(f.admin, text: try Seed.text, createUnits: true, dryRun: true)
            #expect(outcome.tables.count == 13)
            #expect(outcome.tables.allSatisfy { $0.action == .wouldCreate && $0.tableID == nil })
            #expect(!outcome.changedSomething)
            let counts = try await f.superuser { conn in
                (
                    try conn.query("SELECT count(*)::int AS n FROM target_table").first!.decode(Int.self, "n"),
                    try conn.query("SELECT count(*)::int AS n FROM unit").first!.decode(Int.self, "n")
                )
            }
            #expect(counts.0 == 0)
            #expect(counts.1 == 4)
        }
    }

    @Test("an unknown unit without --create-units refuses the whole import, naming the unit and line")
    func unknownUnitRefusesEverything() async throws {
        try await withFixture { f in
            let error = await expectServiceError(.notFound, "unknown-unit") {
                try await f.service.importDocument(f.admin, text: try Seed.text, source: "seed")
            }
            #expect(error?.message.contains("line") == true)
            let tables = try await f.superuser { conn in try conn.query("SELECT count(*)::int AS n FROM target_table").first!.decode(Int.self, "n") }
            #expect(tables == 0)
        }
    }

    @Test("only an admin creates units; a drafter imports only its own unit's tables")
    func importPermissions() async throws {
        try await withFixture { f in
            await expectServiceError(.forbidden) {
                try await f.service.importDocument(f.centreDrafter, text: try Seed.text, createUnits: true)
            }
            // Reviewers do not import, not even as a dry run.
            for reviewer in [f.supervisor, f.finance, f.auditor] {
                await expectServiceError(.forbidden) {
                    try await f.service.importDocument(reviewer, text: try Seed.text, dryRun: true)
                }
            }
            // The seed holds other units' tables too: the drafter's import is refused whole.
            _ = try await f.service.importDocument(f.admin, text: try Seed.text, createUnits: true, dryRun: false)
            let before = try await f.service.listTables(f.admin).count
            let text = try Seed.text + "\n"
            // Other units' existing tables are not the drafter's to read (issue 15, item 8): the
            // import treats them as absent and is refused whole, revealing no id.
            await expectServiceError(.forbidden, "not-permitted") {
                try await f.service.importDocument(f.centreDrafter, text: text)
            }
            #expect(try await f.service.listTables(f.admin).count == before)
        }
    }

    @Test("a document without tables is a clear error")
    func noTables() async throws {
        try await withFixture { f in
            await expectServiceError(.invalid, "no-tables") {
                try await f.service.importDocument(f.admin, text: "just some text\n\twith tabs\n", source: "notes.txt")
            }
        }
    }
}
