import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

@Suite("Service: creating tables and editing headers")
struct TableHeaderTests {
    @Test("a new table is a draft of its unit, supervised by the unit's parent, with positions 1…n")
    func create() async throws {
        try await withFixture { f in
            let table = try await f.service.createTable(f.centreDrafter, f.projectTable(indicatorCount: 6))
            #expect(table.status == .draft)
            #expect(table.revision == 1)
            #expect(table.version == 1)
            #expect(table.kind == .project)
            #expect(table.indicators.map(\.position) == Array(1...6))
            #expect(table.indicators.allSatisfy { $0.version == 1 })
            let funds = try await f.superuser { conn in
                try conn.query("SELECT funds_total::text AS t FROM target_table WHERE id = $1", [table.id]).first!.decode(String.self, "t")
            }
            #expect(funds == "140.000000")
            let summary = try #require(try await f.service.listTables(f.centreDrafter).first)
            #expect(summary.unit == "和政县就业服务中心")
            #expect(summary.supervisingUnit == "和政县人力资源和社会保障局")
            #expect(summary.indicatorCount == 6)
        }
    }

    @Test("bad input is refused before anything is written")
    func createRefused() async throws {
        try await withFixture { f in
            var untitled = f.projectTable()
            untitled.title = "  "
            var tooEarly = f.projectTable()
            tooEarly.fiscalYear = 1999
            let nowhere = f.projectTable(unit: "no-such-unit")
            for (input, kind) in [(untitled, ServiceError.Kind.invalid), (tooEarly, .invalid), (nowhere, .notFound)] {
                await expectServiceError(kind) { try await f.service.createTable(f.centreDrafter, input) }
            }
            let tables = try await f.service.listTables(f.auditor)
            #expect(tables.isEmpty)
            #expect(try await f.service.history(f.auditor, .all).isEmpty)
        }
    }

    @Test("a header edit changes title, goals and funds, bumps the version and is audited with its reason")
    func editHeader() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let header = ProjectHeader(
                projectName: "2024年奖补资金（调整）",
                supervisingDepartment: "和政县人力资源和社会保障局",
                implementingUnit: "和政县就业服务中心",
                fundsTotal: Amount("150.5"),
                fiscalFunds: Amount("150.5")
            )
            let edited = try await f.service.updateHeader(
                f.centreDrafter,
                id: table.id,
                expectVersion: table.version,
                title: "新标题",
                header: .project(header),
                goals: ["目标一", "目标二"],
                reason: "按批复调整"
            )
            #expect(edited.title == "新标题")
            #expect(edited.goals == ["目标一", "目标二"])
            #expect(edited.header == .project(header))
            #expect(edited.version == table.version + 1)
            #expect(edited.indicators == table.indicators)
            let funds = try await f.superuser { conn in
                try conn.query("SELECT funds_total::text AS t FROM target_table WHERE id = $1", [table.id]).first!.decode(String.self, "t")
            }
            #expect(funds == "150.500000")
            let row = try #require(try await f.service.history(f.auditor, .table(table.id)).first)
            #expect(row.entity == "table")
            #expect(row.op == "update")
            #expect(row.reason == "按批复调整")
            #expect(row.actor == "centre-drafter")
            #expect(row.changedFields == ["funds_total", "goals", "header", "title"])
            // Only the title: the rest stays.
            let renamed = try await f.service.updateHeader(f.centreDrafter, id: table.id, expectVersion: edited.version, title: "再改", reason: "改名")
            #expect(renamed.goals == edited.goals)
            #expect(renamed.header == edited.header)
        }
    }

    @Test("a header of another kind, or an empty title, is refused")
    func editRefused() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let transfer = TransferHeader(fundName: "专项资金")
            await expectServiceError(.invalid) {
                try await f.service.updateHeader(
                    f.centreDrafter,
                    id: table.id,
                    expectVersion: table.version,
                    header: .transfer(transfer),
                    reason: "x"
                )
            }
            await expectServiceError(.invalid) {
                try await f.service.updateHeader(f.centreDrafter, id: table.id, expectVersion: table.version, title: " ", reason: "x")
            }
            #expect(try await f.service.table(f.centreDrafter, id: table.id) == table)
        }
    }

    @Test("bootstrap works once")
    func bootstrapOnce() async throws {
        try await withFixture { f in
            await expectServiceError(.refused, "already-initialized") {
                try await f.service.bootstrap(adminLogin: "root2", displayName: "x", unitCode: "999", unitName: "另一个财政局")
            }
            await expectServiceError(.unauthenticated) { try await f.service.caller(login: "root2") }
        }
    }
}
