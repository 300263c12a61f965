import Testing

@testable import JixiaoCore

struct ActorCase: Sendable, CustomTestStringConvertible {
    var label: String
    var actor: WorkflowActor
    var allowed: Bool
    var testDescription: String { "\(self.label): \(self.allowed ? "allowed" : "refused")" }
}

@Suite("Permissions")
struct PermissionsTests {
    /// The employment centre's table, supervised by the bureau.
    static let centreTable = TableScope(unitID: SeedUnits.centre, supervisingUnitID: SeedUnits.bureau, status: .draft)

    static let readers: [ActorCase] = [
        ActorCase(label: "drafter of the unit", actor: Actors.drafter, allowed: true),
        ActorCase(label: "drafter of another unit", actor: Actors.bureauDrafter, allowed: false),
        ActorCase(label: "supervisor of the supervising unit", actor: Actors.supervisor, allowed: true),
        ActorCase(label: "supervisor of the table's own unit", actor: Actors.only(.supervisor, in: SeedUnits.centre), allowed: true),
        ActorCase(label: "supervisor of an unrelated unit", actor: Actors.foreignSupervisor, allowed: false),
        ActorCase(label: "finance", actor: Actors.finance, allowed: true),
        ActorCase(label: "auditor", actor: Actors.auditor, allowed: true),
        ActorCase(label: "admin", actor: Actors.admin, allowed: true),
        ActorCase(label: "no roles", actor: WorkflowActor(userID: uuid(70), unitID: SeedUnits.centre, roles: []), allowed: false),
        ActorCase(
            label: "disabled drafter",
            actor: WorkflowActor(userID: uuid(71), unitID: SeedUnits.centre, roles: [.drafter], isDisabled: true),
            allowed: false
        ),
    ]

    @Test("who reads a table", arguments: readers)
    func read(reader: ActorCase) {
        for status in TableStatus.allCases {
            var scope = Self.centreTable
            scope.status = status
            let decision = Permissions.canRead(scope: scope, actor: reader.actor)
            #expect(decision.isAllowed == reader.allowed)
            #expect(decision.refusal?.message.isEmpty != true)
            #expect(decision.refusal?.code == (reader.allowed ? nil : .notPermitted))
        }
    }

    @Test("canRead(table:) agrees with canRead(scope:)")
    func readTable() {
        let table = projectTable(indicators: [])
        #expect(Permissions.canRead(table: table, actor: Actors.supervisor).isAllowed)
        #expect(!Permissions.canRead(table: table, actor: Actors.foreignSupervisor).isAllowed)
    }

    static let editors: [ActorCase] = [
        ActorCase(label: "drafter of the unit", actor: Actors.drafter, allowed: true),
        ActorCase(label: "another drafter of the unit", actor: Actors.otherDrafter, allowed: true),
        ActorCase(label: "drafter of another unit", actor: Actors.bureauDrafter, allowed: false),
        ActorCase(label: "supervisor", actor: Actors.supervisor, allowed: false),
        ActorCase(label: "finance", actor: Actors.finance, allowed: false),
        ActorCase(label: "auditor", actor: Actors.auditor, allowed: false),
        ActorCase(label: "admin", actor: Actors.admin, allowed: false),
    ]

    @Test("who edits content in draft and returned", arguments: editors)
    func edit(editor: ActorCase) {
        for status in [TableStatus.draft, .returned] {
            var scope = Self.centreTable
            scope.status = status
            let decision = Permissions.canEditContent(scope: scope, actor: editor.actor)
            #expect(decision.isAllowed == editor.allowed)
            #expect(decision.refusal?.code == (editor.allowed ? nil : .notPermitted))
        }
    }

    @Test("nobody edits content outside draft and returned", arguments: [TableStatus.submitted, .supervisorApproved, .approved])
    func frozen(status: TableStatus) throws {
        var scope = Self.centreTable
        scope.status = status
        let refused = try #require(Permissions.canEditContent(scope: scope, actor: Actors.drafter).refusal)
        #expect(refused.code == .wrongState)
        #expect(refused.message.contains(status.rawValue))
    }

    static let auditReaders: [ActorCase] = [
        ActorCase(label: "auditor", actor: Actors.auditor, allowed: true),
        ActorCase(label: "finance", actor: Actors.finance, allowed: true),
        ActorCase(label: "admin", actor: Actors.admin, allowed: true),
        ActorCase(label: "drafter", actor: Actors.drafter, allowed: false),
        ActorCase(label: "supervisor", actor: Actors.supervisor, allowed: false),
    ]

    @Test("who reads the audit trail", arguments: auditReaders)
    func audit(reader: ActorCase) {
        #expect(Permissions.canReadAudit(actor: reader.actor).isAllowed == reader.allowed)
    }

    @Test(
        "only admin administers",
        arguments: [
            ActorCase(label: "admin", actor: Actors.admin, allowed: true),
            ActorCase(label: "finance", actor: Actors.finance, allowed: false),
            ActorCase(label: "auditor", actor: Actors.auditor, allowed: false),
            ActorCase(label: "supervisor", actor: Actors.supervisor, allowed: false),
            ActorCase(label: "drafter", actor: Actors.drafter, allowed: false),
        ]
    )
    func administer(candidate: ActorCase) {
        #expect(Permissions.canAdminister(actor: candidate.actor).isAllowed == candidate.allowed)
    }

    @Test("refusals explain why")
    func messages() throws {
        let read = try #require(Permissions.canRead(scope: Self.centreTable, actor: Actors.foreignSupervisor).refusal)
        #expect(read.message.contains("another unit"))
        let edit = try #require(Permissions.canEditContent(scope: Self.centreTable, actor: Actors.supervisor).refusal)
        #expect(edit.message.contains("not a drafter"))
        let audit = try #require(Permissions.canReadAudit(actor: Actors.drafter).refusal)
        #expect(audit.message.contains("roles: drafter"))
    }
}
