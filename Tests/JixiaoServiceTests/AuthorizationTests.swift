import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// Three tables: the centre's (301002, supervised by 301), the bureau's own (301) and the
/// education bureau's (302).
private struct ThreeTables {
    let centre: TargetTable
    let bureau: TargetTable
    let education: TargetTable

    static func make(_ f: Fixture) async throws -> ThreeTables {
        var education = f.projectTable(unit: "302")
        education.title = "教育局项目支出绩效目标表"
        var bureau = f.projectTable(unit: "301")
        bureau.title = "人社局项目支出绩效目标表"
        return ThreeTables(
            centre: try await f.service.createTable(f.centreDrafter, f.projectTable()),
            bureau: try await f.service.createTable(f.bureauDrafter, bureau),
            education: try await f.service.createTable(f.otherDrafter, education)
        )
    }
}

@Suite("Service: who may read and change what")
struct AuthorizationTests {
    @Test("a drafter of another unit can neither read nor change a draft, and learns nothing of its existence")
    func otherUnitsDraftIsInvisible() async throws {
        try await withFixture { f in
            let tables = try await ThreeTables.make(f)
            let table = tables.centre
            let indicator = table.indicators[1]
            let s = f.service
            for caller in [f.otherDrafter, f.bureauDrafter] {
                let hidden = await expectServiceError(.notFound, "not-found") { try await s.table(caller, id: table.id) }
                let missing = await expectServiceError(.notFound, "not-found") { try await s.table(caller, id: 987_654) }
                #expect(
                    hidden?.message.replacingOccurrences(of: "\(table.id)", with: "#")
                        == missing?.message.replacingOccurrences(of: "987654", with: "#"),
                    "the refusal for a hidden table must read like the one for a missing table"
                )
                #expect(try await s.listTables(caller).contains { $0.id == table.id } == false)
                await expectServiceError(.notFound) { try await s.findings(caller, id: table.id) }
                await expectServiceError(.notFound) { try await s.table(caller, id: table.id, revision: 1) }
                await expectServiceError(.notFound) { try await s.table(caller, id: table.id, asOf: Date()) }
                await expectServiceError(.notFound) { try await s.diff(caller, id: table.id, fromRevision: 1, toRevision: 1) }
                await expectServiceError(.notFound) { try await s.history(caller, .table(table.id)) }
                await expectServiceError(.notFound) { try await s.history(caller, .indicator(indicator.id)) }
                await expectServiceError(.notFound) {
                    try await s.updateIndicator(
                        caller,
                        tableID: table.id,
                        indicatorID: indicator.id,
                        expectVersion: indicator.version,
                        IndicatorChange(value: "1"),
                        reason: "x"
                    )
                }
                await expectServiceError(.notFound) {
                    try await s.updateHeader(caller, id: table.id, expectVersion: table.version, title: "改名", reason: "x")
                }
                await expectServiceError(.notFound) {
                    try await s.addIndicator(
                        caller,
                        tableID: table.id,
                        IndicatorInput(level1: "产出指标", level2: "数量指标", level3: "新", comparator: .gte, value: "1"),
                        reason: "x"
                    )
                }
                await expectServiceError(.notFound) {
                    try await s.moveIndicator(
                        caller,
                        tableID: table.id,
                        indicatorID: indicator.id,
                        expectVersion: indicator.version,
                        to: 1,
                        reason: "x"
                    )
                }
                await expectServiceError(.notFound) {
                    try await s.removeIndicator(caller, tableID: table.id, indicatorID: indicator.id, expectVersion: indicator.version, reason: "x")
                }
                await expectServiceError(.notFound) { try await s.transition(caller, tableID: table.id, action: .submit) }
            }
            // Untouched.
            let after = try await s.table(f.centreDrafter, id: table.id)
            #expect(after == table)
            #expect(try await f.auditCount(table.id) == 1 + table.indicators.count)
        }
    }

    @Test("a drafter lists and reads its own unit's tables only")
    func drafterSeesOwnUnit() async throws {
        try await withFixture { f in
            let tables = try await ThreeTables.make(f)
            #expect(try await f.service.listTables(f.centreDrafter).map(\.id) == [tables.centre.id])
            #expect(try await f.service.listTables(f.bureauDrafter).map(\.id) == [tables.bureau.id])
            #expect(try await f.service.listTables(f.otherDrafter).map(\.id) == [tables.education.id])
            #expect(try await f.service.table(f.centreDrafter, id: tables.centre.id).indicators.count == 4)
        }
    }

    @Test("a supervisor sees the tables it supervises and its own unit's, nothing else")
    func supervisorSeesSupervised() async throws {
        try await withFixture { f in
            let tables = try await ThreeTables.make(f)
            let listed = Set(try await f.service.listTables(f.supervisor).map(\.id))
            #expect(listed == [tables.centre.id, tables.bureau.id])
            #expect(try await f.service.table(f.supervisor, id: tables.centre.id).id == tables.centre.id)
            #expect(try await f.service.table(f.supervisor, id: tables.bureau.id).id == tables.bureau.id)
            await expectServiceError(.notFound, "not-found") { try await f.service.table(f.supervisor, id: tables.education.id) }
            // The education bureau's supervisor sees only its own unit's table.
            let other = try await f.caller(.otherSupervisor)
            #expect(try await f.service.listTables(other).map(\.id) == [tables.education.id])
            await expectServiceError(.notFound) { try await f.service.table(other, id: tables.centre.id) }
            // Filters narrow what is visible, never widen it.
            #expect(try await f.service.listTables(f.supervisor, filter: TableFilter(unit: "302")).isEmpty)
            #expect(try await f.service.listTables(f.supervisor, filter: TableFilter(unit: "301002")).map(\.id) == [tables.centre.id])
        }
    }

    @Test("finance, auditor and admin read every table", arguments: [Who.finance, .auditor, .admin])
    func readersOfAll(_ who: Who) async throws {
        try await withFixture { f in
            let tables = try await ThreeTables.make(f)
            let caller = try await f.caller(who)
            let all: Set<Int64> = [tables.centre.id, tables.bureau.id, tables.education.id]
            #expect(Set(try await f.service.listTables(caller).map(\.id)) == all)
            for id in all {
                #expect(try await f.service.table(caller, id: id).indicators.count == 4)
            }
        }
    }

    @Test("an auditor reads everything and changes nothing")
    func auditorChangesNothing() async throws {
        try await withFixture { f in
            let tables = try await ThreeTables.make(f)
            let draft = tables.centre
            let submitted = try await f.service.transition(f.bureauDrafter, tableID: tables.bureau.id, action: .submit)
            let indicator = draft.indicators[0]
            let s = f.service
            let a = f.auditor
            await expectServiceError(.forbidden, "not-permitted") { try await s.createTable(a, f.projectTable()) }
            await expectServiceError(.forbidden, "not-permitted") {
                try await s.updateIndicator(
                    a,
                    tableID: draft.id,
                    indicatorID: indicator.id,
                    expectVersion: 1,
                    IndicatorChange(value: "1"),
                    reason: "x"
                )
            }
            await expectServiceError(.forbidden, "not-permitted") {
                try await s.updateHeader(a, id: draft.id, expectVersion: draft.version, title: "x", reason: "x")
            }
            await expectServiceError(.forbidden, "not-permitted") {
                try await s.addIndicator(
                    a,
                    tableID: draft.id,
                    IndicatorInput(level1: "产出指标", level2: "数量指标", level3: "新", comparator: .gte, value: "1"),
                    reason: "x"
                )
            }
            await expectServiceError(.forbidden, "not-permitted") {
                try await s.moveIndicator(a, tableID: draft.id, indicatorID: indicator.id, expectVersion: 1, to: 2, reason: "x")
            }
            await expectServiceError(.forbidden, "not-permitted") {
                try await s.removeIndicator(a, tableID: draft.id, indicatorID: indicator.id, expectVersion: 1, reason: "x")
            }
            await expectServiceError(.forbidden, "not-permitted") { try await s.transition(a, tableID: draft.id, action: .submit) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.transition(a, tableID: submitted.id, action: .approve) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.transition(a, tableID: submitted.id, action: .return, reason: "x") }
            await expectServiceError(.forbidden, "not-permitted") { try await s.addUnit(a, code: "999", name: "审计新单位") }
            await expectServiceError(.forbidden, "not-permitted") { try await s.issueToken(a, login: "centre-drafter") }
            await expectServiceError(.forbidden) { try await s.approveAllPending(a) }
            // Nothing moved.
            #expect(try await s.table(a, id: draft.id) == draft)
            #expect(try await s.table(a, id: submitted.id) == submitted)
            #expect(try await s.listTables(a).count == 3)
        }
    }

    @Test("content changes only in draft or returned", arguments: [TableStatus.submitted, .supervisorApproved, .approved])
    func contentFrozen(_ status: TableStatus) async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: status)
            let indicator = table.indicators[1]
            let s = f.service
            let d = f.centreDrafter
            await expectServiceError(.refused, "wrong-state") {
                try await s.updateIndicator(
                    d,
                    tableID: table.id,
                    indicatorID: indicator.id,
                    expectVersion: indicator.version,
                    IndicatorChange(value: "150"),
                    reason: "x"
                )
            }
            await expectServiceError(.refused, "wrong-state") {
                try await s.updateHeader(d, id: table.id, expectVersion: table.version, title: "改名", reason: "x")
            }
            await expectServiceError(.refused, "wrong-state") {
                try await s.addIndicator(
                    d,
                    tableID: table.id,
                    IndicatorInput(level1: "产出指标", level2: "数量指标", level3: "新", comparator: .gte, value: "1"),
                    reason: "x"
                )
            }
            await expectServiceError(.refused, "wrong-state") {
                try await s.moveIndicator(d, tableID: table.id, indicatorID: indicator.id, expectVersion: indicator.version, to: 1, reason: "x")
            }
            await expectServiceError(.refused, "wrong-state") {
                try await s.removeIndicator(d, tableID: table.id, indicatorID: indicator.id, expectVersion: indicator.version, reason: "x")
            }
            #expect(try await s.table(d, id: table.id) == table)
        }
    }

    @Test("a returned table is editable again by its drafter")
    func returnedIsEditable() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .returned)
            let indicator = table.indicators[1]
            let edited = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: indicator.id,
                expectVersion: indicator.version,
                IndicatorChange(value: "150"),
                reason: "按意见修改"
            )
            #expect(edited.value == "150")
            let renamed = try await f.service.updateHeader(f.centreDrafter, id: table.id, expectVersion: table.version, title: "新标题", reason: "按意见修改")
            #expect(renamed.title == "新标题")
        }
    }

    @Test("only drafters of the table's unit change its content", arguments: [Who.supervisor, .centreSupervisor, .finance, .admin])
    func reviewersDoNotEdit(_ who: Who) async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let caller = try await f.caller(who)
            let indicator = table.indicators[0]
            await expectServiceError(.forbidden, "not-permitted") {
                try await f.service.updateIndicator(
                    caller,
                    tableID: table.id,
                    indicatorID: indicator.id,
                    expectVersion: indicator.version,
                    IndicatorChange(value: "1"),
                    reason: "x"
                )
            }
            await expectServiceError(.forbidden, "not-permitted") {
                try await f.service.updateHeader(caller, id: table.id, expectVersion: table.version, title: "x", reason: "x")
            }
            #expect(try await f.service.table(f.centreDrafter, id: table.id) == table)
        }
    }

    @Test("a drafter creates tables of its own unit only; an admin (importing) of any")
    func createTableScope() async throws {
        try await withFixture { f in
            await expectServiceError(.forbidden, "not-permitted") { try await f.service.createTable(f.otherDrafter, f.projectTable()) }
            await expectServiceError(.forbidden, "not-permitted") { try await f.service.createTable(f.supervisor, f.projectTable()) }
            #expect(try await f.service.listTables(f.auditor).isEmpty)
            let imported = try await f.service.createTable(f.admin, f.projectTable(), reason: "导入")
            #expect(imported.unitID == f.centreDrafter.user.unitID)
            #expect(imported.supervisingUnitID == f.supervisor.user.unitID)
        }
    }

    @Test("units, users and roles are managed by admin only", arguments: [Who.centreDrafter, .supervisor, .finance, .auditor])
    func adminOnly(_ who: Who) async throws {
        try await withFixture { f in
            let caller = try await f.caller(who)
            let s = f.service
            let unitsBefore = try await s.listUnits(caller)
            await expectServiceError(.forbidden, "not-permitted") { try await s.addUnit(caller, code: "999", name: "新单位") }
            await expectServiceError(.forbidden, "not-permitted") {
                try await s.addUser(caller, login: "intruder", displayName: "x", unitCode: "301", roles: [.admin])
            }
            await expectServiceError(.forbidden, "not-permitted") { try await s.grant(caller, login: caller.login, roles: [.admin]) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.grant(caller, login: "other-drafter", roles: [.finance]) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.revoke(caller, login: "finance", roles: [.finance]) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.disable(caller, login: "admin") }
            await expectServiceError(.forbidden, "not-permitted") { try await s.disable(caller, login: caller.login) }
            await expectServiceError(.forbidden, "not-permitted") { try await s.issueToken(caller, login: "admin") }
            #expect(try await s.listUnits(caller) == unitsBefore)
            await expectServiceError(.unauthenticated) { try await s.caller(login: "intruder") }
            let me = try await s.caller(login: caller.login)
            #expect(me.user.roles == caller.user.roles)
            #expect(try await s.caller(login: "finance").user.roles == [.finance])
            #expect(try await s.caller(login: "admin").user.disabled == false)
        }
    }

    @Test("the admin grants and revokes roles; a user keeps at least one")
    func adminManagesRoles() async throws {
        try await withFixture { f in
            let granted = try await f.service.grant(f.admin, login: "centre-drafter", roles: [.supervisor])
            #expect(granted.roles == [.drafter, .supervisor])
            let revoked = try await f.service.revoke(f.admin, login: "centre-drafter", roles: [.drafter])
            #expect(revoked.roles == [.supervisor])
            await expectServiceError(.invalid) { try await f.service.revoke(f.admin, login: "centre-drafter", roles: [.supervisor]) }
            #expect(try await f.service.caller(login: "centre-drafter").user.roles == [.supervisor])
            await expectServiceError(.refused, "self-disable") { try await f.service.disable(f.admin, login: "admin") }
            await expectServiceError(.refused, "duplicate") {
                try await f.service.addUser(f.admin, login: "finance", displayName: "x", unitCode: "000", roles: [.finance])
            }
            await expectServiceError(.notFound) {
                try await f.service.addUser(f.admin, login: "nobody", displayName: "x", unitCode: "nowhere", roles: [.drafter])
            }
        }
    }

    @Test("the audit trail is read by auditor, finance and admin", arguments: Who.allCases)
    func auditReaders(_ who: Who) async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .draft)
            let caller = try await f.caller(who)
            let allowed: Set<Who> = [.auditor, .finance, .admin]
            if allowed.contains(who) {
                #expect(try await f.service.verifyAudit(caller).isEmpty)
                #expect(try await f.service.history(caller, .actor("centre-drafter")).count == 1 + table.indicators.count)
                #expect(try await f.service.history(caller, .all).count == 1 + table.indicators.count)
            } else {
                await expectServiceError(.forbidden, "not-permitted") { try await f.service.verifyAudit(caller) }
                await expectServiceError(.forbidden, "not-permitted") { try await f.service.history(caller, .actor("centre-drafter")) }
                await expectServiceError(.forbidden, "not-permitted") { try await f.service.history(caller, .all) }
            }
        }
    }
}
