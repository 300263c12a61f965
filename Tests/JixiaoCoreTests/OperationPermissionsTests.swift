import Testing

@testable import JixiaoCore

@Suite("Permissions: creating, importing, batch approval, users and tokens")
struct OperationPermissionsTests {
    static let disabledAdmin = WorkflowActor(userID: uuid(52), unitID: Actors.financeUnit, roles: [.admin], isDisabled: true)
    static let everyone = [
        Actors.drafter, Actors.bureauDrafter, Actors.supervisor, Actors.finance, Actors.auditor, Actors.admin, disabledAdmin,
    ]

    /// The actors `decide` allows, by user id.
    static func allowed(_ decide: (WorkflowActor) -> PermissionDecision) -> Set<Int64> {
        Set(everyone.filter { decide($0).isAllowed }.map(\.userID))
    }

    @Test("a table of the centre is created by its drafters and by admins")
    func createTable() {
        let allowed = Self.allowed { Permissions.canCreateTable(inUnit: SeedUnits.centre, unitName: "就业服务中心", actor: $0) }
        #expect(allowed == [Actors.drafter.userID, Actors.admin.userID])
        let refusal = Permissions.canCreateTable(inUnit: SeedUnits.centre, unitName: "就业服务中心", actor: Actors.bureauDrafter).refusal
        #expect(refusal?.code == .notPermitted)
        #expect(refusal?.message.contains("就业服务中心") == true)
    }

    @Test("drafters and admins import; supervisors and finance approve in batches; admins and auditors list users")
    func roleGates() {
        #expect(Self.allowed(Permissions.canImport) == [Actors.drafter.userID, Actors.bureauDrafter.userID, Actors.admin.userID])
        #expect(Self.allowed(Permissions.canBatchApprove) == [Actors.supervisor.userID, Actors.finance.userID])
        #expect(Self.allowed(Permissions.canListUsers) == [Actors.auditor.userID, Actors.admin.userID])
    }

    @Test("tokens: everyone for themself, an admin for anyone; a disabled admin for nobody")
    func tokens() {
        for decide in [Permissions.canIssueToken, Permissions.canListTokens, Permissions.canRevokeToken] {
            #expect(Self.allowed { decide(true, $0) } == Set(Self.everyone.filter { !$0.isDisabled }.map(\.userID)))
            #expect(Self.allowed { decide(false, $0) } == [Actors.admin.userID])
        }
    }

    @Test("an admin disables others, never themself")
    func disable() {
        #expect(Self.allowed { Permissions.canDisableUser(isSelf: false, actor: $0) } == [Actors.admin.userID])
        #expect(Permissions.canDisableUser(isSelf: true, actor: Actors.admin).refusal?.code == .selfDisable)
        #expect(Permissions.canDisableUser(isSelf: true, actor: Actors.finance).refusal?.code == .notPermitted)
    }
}

@Suite("Workflow: who the table records after each step")
struct WorkflowPeopleTests {
    @Test("submit records the submitter and starts a round")
    func submit() throws {
        let step = try WorkflowStateMachine.transition(from: .returned, action: .submit, actor: Actors.drafter, context: centreContext(.returned))
            .get()
        #expect(step.people == WorkflowPeople(submittedBy: Actors.drafter.userID))
    }

    @Test("each approval adds its approver and keeps the earlier ones")
    func approvals() throws {
        let first = try WorkflowStateMachine.transition(
            from: .submitted,
            action: .approve,
            actor: Actors.supervisor,
            context: centreContext(.submitted)
        )
        .get()
        #expect(first.people == WorkflowPeople(submittedBy: Actors.drafter.userID, supervisorApprovedBy: Actors.supervisor.userID))
        let second = try WorkflowStateMachine.transition(
            from: .supervisorApproved,
            action: .approve,
            actor: Actors.finance,
            context: centreContext(.supervisorApproved)
        ).get()
        #expect(
            second.people
                == WorkflowPeople(
                    submittedBy: Actors.drafter.userID,
                    supervisorApprovedBy: Actors.supervisor.userID,
                    approvedBy: Actors.finance.userID
                )
        )
    }

    @Test("withdraw, return and adjust clear the round", arguments: [WorkflowAction.withdraw, .return, .adjust])
    func cleared(action: WorkflowAction) throws {
        let (from, actor): (TableStatus, WorkflowActor) =
            switch action {
            case .withdraw: (.submitted, Actors.drafter)
            case .return: (.supervisorApproved, Actors.finance)
            default: (.approved, Actors.drafter)
            }
        let step = try WorkflowStateMachine.transition(from: from, action: action, actor: actor, context: centreContext(from)).get()
        #expect(step.people == WorkflowPeople())
    }
}

@Suite("Import: what makes a document importable")
struct ImportReadinessTests {
    @Test("no table, a table without unit, a table without year: each a refusal naming the line")
    func refusals() throws {
        #expect(ImportReadiness.refusal(SeedParser.parse("just notes\n"), source: "a.txt")?.code.rawValue == "no-tables")
        let seed = try #require(SeedFile.document)
        #expect(ImportReadiness.refusal(seed, source: "seed.txt") == nil)
        var noUnit = seed
        noUnit.tables[0].unitName = nil
        let refusal = ImportReadiness.refusal(noUnit, source: "seed.txt")
        #expect(refusal?.code.rawValue == "missing-unit")
        #expect(refusal?.message.contains("seed.txt line \(seed.tables[0].sourceLine)") == true)
        var noYear = seed
        noYear.tables[1].fiscalYear = nil
        #expect(ImportReadiness.refusal(noYear, source: "seed.txt")?.code.rawValue == "missing-fiscal-year")
    }
}

@Suite("Tokens: how long they may live")
struct TokenLifetimeTests {
    @Test("positive and at most a year")
    func bounds() {
        let day: Int64 = 86_400 * 1_000_000
        #expect(TokenLifetime.refusal(microseconds: 0) != nil)
        #expect(TokenLifetime.refusal(microseconds: -1) != nil)
        #expect(TokenLifetime.refusal(microseconds: 1) == nil)
        #expect(TokenLifetime.refusal(microseconds: Int64(TokenLifetime.maximumDays) * day) == nil)
        #expect(TokenLifetime.refusal(microseconds: Int64(TokenLifetime.maximumDays) * day + 1)?.contains("365 days") == true)
        #expect(TokenLifetime.maximumDays == 365)
    }
}
