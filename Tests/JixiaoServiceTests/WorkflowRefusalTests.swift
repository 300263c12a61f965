import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Testing

/// One workflow action that a caller must not take from a status.
struct RefusalCase: Sendable, CustomTestStringConvertible {
    var status: TableStatus
    var who: Who
    var action: WorkflowAction
    var reason: String?
    var kind: ServiceError.Kind
    var code: String

    init(_ status: TableStatus, _ who: Who, _ action: WorkflowAction, reason: String? = "理由", _ kind: ServiceError.Kind, _ code: String) {
        self.status = status
        self.who = who
        self.action = action
        self.reason = reason
        self.kind = kind
        self.code = code
    }

    var testDescription: String {
        "\(self.who.rawValue) cannot \(self.action.rawValue) a \(self.status.rawValue) table\(self.reason == nil ? " (no reason)" : "") → \(self.kind) \(self.code)"
    }

    static let all: [RefusalCase] = [
        // draft
        RefusalCase(.draft, .supervisor, .submit, .forbidden, "not-permitted"),
        RefusalCase(.draft, .centreSupervisor, .submit, .forbidden, "not-permitted"),
        RefusalCase(.draft, .finance, .submit, .forbidden, "not-permitted"),
        RefusalCase(.draft, .auditor, .submit, .forbidden, "not-permitted"),
        RefusalCase(.draft, .admin, .submit, .forbidden, "not-permitted"),
        RefusalCase(.draft, .bureauDrafter, .submit, .notFound, "not-found"),
        RefusalCase(.draft, .otherDrafter, .submit, .notFound, "not-found"),
        RefusalCase(.draft, .centreDrafter, .withdraw, .refused, "wrong-state"),
        RefusalCase(.draft, .centreDrafter, .adjust, .refused, "wrong-state"),
        RefusalCase(.draft, .supervisor, .approve, .refused, "wrong-state"),
        RefusalCase(.draft, .supervisor, .return, .refused, "wrong-state"),
        // submitted
        RefusalCase(.submitted, .centreDrafter, .approve, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .centreDrafter, .return, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .finance, .approve, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .finance, .return, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .auditor, .approve, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .admin, .approve, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .centreSupervisor, .approve, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .otherSupervisor, .approve, .notFound, "not-found"),
        RefusalCase(.submitted, .otherSupervisor, .return, .notFound, "not-found"),
        RefusalCase(.submitted, .supervisor, .return, reason: nil, .invalid, "reason-required"),
        RefusalCase(.submitted, .supervisor, .return, reason: " \n\t　", .invalid, "reason-required"),
        RefusalCase(.submitted, .supervisor, .withdraw, .forbidden, "not-permitted"),
        RefusalCase(.submitted, .centreDrafter, .submit, .refused, "wrong-state"),
        RefusalCase(.submitted, .centreDrafter, .adjust, .refused, "wrong-state"),
        // supervisor_approved
        RefusalCase(.supervisorApproved, .supervisor, .approve, .forbidden, "not-permitted"),
        RefusalCase(.supervisorApproved, .supervisor, .return, .forbidden, "not-permitted"),
        RefusalCase(.supervisorApproved, .centreDrafter, .approve, .forbidden, "not-permitted"),
        RefusalCase(.supervisorApproved, .auditor, .approve, .forbidden, "not-permitted"),
        RefusalCase(.supervisorApproved, .admin, .approve, .forbidden, "not-permitted"),
        RefusalCase(.supervisorApproved, .finance, .return, reason: nil, .invalid, "reason-required"),
        RefusalCase(.supervisorApproved, .centreDrafter, .withdraw, .refused, "wrong-state"),
        RefusalCase(.supervisorApproved, .centreDrafter, .submit, .refused, "wrong-state"),
        RefusalCase(.supervisorApproved, .centreDrafter, .adjust, .refused, "wrong-state"),
        // approved
        RefusalCase(.approved, .finance, .approve, .refused, "wrong-state"),
        RefusalCase(.approved, .finance, .return, .refused, "wrong-state"),
        RefusalCase(.approved, .centreDrafter, .withdraw, .refused, "wrong-state"),
        RefusalCase(.approved, .centreDrafter, .submit, .refused, "wrong-state"),
        RefusalCase(.approved, .supervisor, .adjust, .forbidden, "not-permitted"),
        RefusalCase(.approved, .finance, .adjust, .forbidden, "not-permitted"),
        RefusalCase(.approved, .auditor, .adjust, .forbidden, "not-permitted"),
        RefusalCase(.approved, .otherDrafter, .adjust, .notFound, "not-found"),
        // returned
        RefusalCase(.returned, .centreDrafter, .withdraw, .refused, "wrong-state"),
        RefusalCase(.returned, .centreDrafter, .adjust, .refused, "wrong-state"),
        RefusalCase(.returned, .supervisor, .approve, .refused, "wrong-state"),
        RefusalCase(.returned, .finance, .return, .refused, "wrong-state"),
        RefusalCase(.returned, .supervisor, .submit, .forbidden, "not-permitted"),
    ]
}

@Suite("Service: workflow refusals")
struct WorkflowRefusalTests {
    @Test("a refused transition changes nothing", arguments: RefusalCase.all)
    func refused(_ c: RefusalCase) async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: c.status)
            let caller = try await f.caller(c.who)
            let auditRows = try await f.auditCount(table.id)
            await expectServiceError(c.kind, c.code) {
                try await f.service.transition(caller, tableID: table.id, action: c.action, reason: c.reason)
            }
            let after = try await f.service.table(f.auditor, id: table.id)
            #expect(after.status == c.status)
            #expect(after.version == table.version)
            #expect(after.revision == table.revision)
            #expect(try await f.auditCount(table.id) == auditRows, "a refused transition wrote audit rows")
        }
    }

    /// Tables whose findings include an error, and the error's code.
    static let brokenTables: [(String, FindingCode)] = [
        ("满意度指标", .missingCategory),
        ("goals", .missingGoal),
        ("value", .valueNotNumeric),
    ]

    @Test("submit is refused while the table has error findings, which come with the refusal", arguments: brokenTables)
    func submitWithErrors(_ broken: String, _ expected: FindingCode) async throws {
        try await withFixture { f in
            var new = f.projectTable()
            switch broken {
            case "goals": new.goals = ["<p> </p>"]
            case "value": new.indicators[1].value = "很多"
            default: new.indicators.removeAll { $0.level1 == broken }
            }
            let table = try await f.service.createTable(f.centreDrafter, new)
            let error = await expectServiceError(.refused, "has-errors") {
                try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            }
            #expect(error?.findings.contains { $0.code == expected } == true, "\(error?.findings ?? [])")
            #expect(error?.findings.isEmpty == false)
            #expect(error?.findings.allSatisfy { $0.severity == .error } == true)
            #expect(try await f.service.table(f.centreDrafter, id: table.id).status == .draft)
        }
    }

    @Test("submit goes through once the missing category is added")
    func submitAfterFix() async throws {
        try await withFixture { f in
            var new = f.projectTable()
            new.indicators.removeAll { $0.level1 == "满意度指标" }
            let table = try await f.service.createTable(f.centreDrafter, new)
            let findings = try await f.service.findings(f.centreDrafter, id: table.id)
            #expect(findings.contains { $0.code == .missingCategory && $0.severity == .error })
            await expectServiceError(.refused, "has-errors") {
                try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            }
            _ = try await f.service.addIndicator(
                f.centreDrafter,
                tableID: table.id,
                IndicatorInput(level1: "满意度指标", level2: "服务对象满意度指标", level3: "受益群众满意度", comparator: .gte, value: "90", unitOfMeasure: "%"),
                reason: "补充满意度指标"
            )
            let submitted = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit)
            #expect(submitted.status == .submitted)
        }
    }

    @Test("four eyes: who submitted the bureau's own table cannot approve it, another supervisor can")
    func fourEyesSubmitter() async throws {
        try await withFixture { f in
            let lead = try await f.user("bureau-lead", unit: "301", roles: [.drafter, .supervisor])
            let table = try await f.service.createTable(lead, f.projectTable(unit: "301"))
            #expect(table.supervisingUnitID == table.unitID, "a department supervises its own tables")
            _ = try await f.service.transition(lead, tableID: table.id, action: .submit)
            await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(lead, tableID: table.id, action: .approve)
            }
            #expect(try await f.service.table(f.auditor, id: table.id).status == .submitted)
            let approved = try await f.service.transition(f.supervisor, tableID: table.id, action: .approve)
            #expect(approved.status == .supervisorApproved)
        }
    }

    @Test("four eyes: who gave the supervisor approval cannot also give the finance approval")
    func fourEyesSupervisorThenFinance() async throws {
        try await withFixture { f in
            let both = try await f.user("sup-and-fin", unit: "301", roles: [.supervisor, .finance])
            let table = try await f.centreTable(in: .submitted)
            _ = try await f.service.transition(both, tableID: table.id, action: .approve)
            await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(both, tableID: table.id, action: .approve)
            }
            let approved = try await f.service.transition(f.finance, tableID: table.id, action: .approve)
            #expect(approved.status == .approved)
        }
    }

    @Test("four eyes holds again after a return and resubmission")
    func fourEyesNextRound() async throws {
        try await withFixture { f in
            let lead = try await f.user("bureau-lead", unit: "301", roles: [.drafter, .supervisor])
            let table = try await f.service.createTable(lead, f.projectTable(unit: "301"))
            _ = try await f.service.transition(lead, tableID: table.id, action: .submit)
            _ = try await f.service.transition(f.supervisor, tableID: table.id, action: .return, reason: "请补充说明")
            _ = try await f.service.transition(lead, tableID: table.id, action: .submit)
            await expectServiceError(.refused, "four-eyes") {
                try await f.service.transition(lead, tableID: table.id, action: .approve)
            }
        }
    }

    @Test("a return may name only indicators of the table")
    func returnWithForeignIndicator() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .submitted)
            let other = try await f.service.createTable(f.centreDrafter, f.projectTable())
            await expectServiceError(.invalid) {
                try await f.service.transition(
                    f.supervisor,
                    tableID: table.id,
                    action: .return,
                    reason: "人数不符",
                    indicatorIDs: [other.indicators[0].id]
                )
            }
            #expect(try await f.service.table(f.auditor, id: table.id).status == .submitted)
            let returned = try await f.service.transition(
                f.supervisor,
                tableID: table.id,
                action: .return,
                reason: "人数不符",
                indicatorIDs: [table.indicators[1].id]
            )
            #expect(returned.status == .returned)
        }
    }

    @Test("withdraw takes a submitted table back to draft; the next submit starts a new round")
    func withdraw() async throws {
        try await withFixture { f in
            let table = try await f.centreTable(in: .submitted)
            let back = try await f.service.transition(f.centreDrafter, tableID: table.id, action: .withdraw)
            #expect(back.status == .draft)
            let edited = try await f.service.updateIndicator(
                f.centreDrafter,
                tableID: table.id,
                indicatorID: back.indicators[0].id,
                expectVersion: back.indicators[0].version,
                IndicatorChange(remark: "撤回后修改"),
                reason: "撤回修改"
            )
            #expect(edited.remark == "撤回后修改")
            #expect(try await f.service.transition(f.centreDrafter, tableID: table.id, action: .submit).status == .submitted)
        }
    }

    @Test("approving all pending tables takes those waiting for the caller's step and reports each refusal")
    func approveAllPending() async throws {
        try await withFixture { f in
            let lead = try await f.user("bureau-lead", unit: "301", roles: [.drafter, .supervisor])
            let centre = try await f.centreTable(in: .submitted)
            let own = try await f.service.createTable(lead, f.projectTable(unit: "301"))
            _ = try await f.service.transition(lead, tableID: own.id, action: .submit)
            _ = try await f.service.createTable(f.centreDrafter, f.projectTable())  // a draft: not pending

            // The centre's own supervisor does not review the centre's tables: nothing waits for it.
            let centreSupervisor = try await f.caller(.centreSupervisor)
            let none = try await f.service.approveAllPending(centreSupervisor)
            #expect(none.isEmpty, "\(none.map { ($0.tableID, $0.result) })")

            let results = try await f.service.approveAllPending(lead)
            #expect(results.count == 2)
            for result in results {
                switch (result.tableID, result.result) {
                case (centre.id, .success(let table)): #expect(table.status == .supervisorApproved)
                case (own.id, .failure(let error)): #expect(error.code.rawValue == "four-eyes")
                default: Issue.record("unexpected outcome for table \(result.tableID): \(result.result)")
                }
            }
            let financed = try await f.service.approveAllPending(f.finance)
            #expect(financed.map(\.tableID) == [centre.id])
            #expect(try await f.service.table(f.auditor, id: centre.id).status == .approved)
            #expect(try await f.service.table(f.auditor, id: own.id).status == .submitted)
            await expectServiceError(.forbidden) { try await f.service.approveAllPending(f.centreDrafter) }
        }
    }
}
