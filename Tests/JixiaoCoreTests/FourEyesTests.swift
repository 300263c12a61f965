import Testing

@testable import JixiaoCore

@Suite("Workflow: four eyes")
struct FourEyesTests {
    /// The bureau's own table: a user who drafts and supervises there.
    static let drafterSupervisor = WorkflowActor(userID: uuid(61), unitID: SeedUnits.bureau, roles: [.drafter, .supervisor])
    static let supervisorFinance = WorkflowActor(userID: uuid(62), unitID: SeedUnits.bureau, roles: [.supervisor, .finance])
    static let drafterFinance = WorkflowActor(userID: uuid(63), unitID: SeedUnits.bureau, roles: [.drafter, .finance])

    private func bureauContext(submittedBy: WorkflowActor, supervisorApprovedBy: WorkflowActor? = nil) -> WorkflowContext {
        WorkflowContext(
            tableUnitID: SeedUnits.bureau,
            supervisingUnitID: SeedUnits.bureau,
            submittedBy: submittedBy.userID,
            supervisorApprovedBy: supervisorApprovedBy?.userID,
            reason: "请修改"
        )
    }

    @Test("a supervisor may not approve a table they submitted")
    func supervisorSubmitted() throws {
        let context = self.bureauContext(submittedBy: Self.drafterSupervisor)
        let refused = try #require(
            refusal(WorkflowStateMachine.transition(from: .submitted, action: .approve, actor: Self.drafterSupervisor, context: context))
        )
        #expect(refused.code == .fourEyes)
        #expect(refused.message.contains("submitted"))
        // Another supervisor of the same unit may.
        #expect(refusalCode(WorkflowStateMachine.transition(from: .submitted, action: .approve, actor: Actors.supervisor, context: context)) == nil)
    }

    @Test("returning one's own submission is not an approval and is allowed")
    func returnOwn() {
        let context = self.bureauContext(submittedBy: Self.drafterSupervisor)
        #expect(
            refusalCode(WorkflowStateMachine.transition(from: .submitted, action: .return, actor: Self.drafterSupervisor, context: context)) == nil
        )
    }

    @Test("finance may not give the final approval of a table they submitted")
    func financeSubmitted() {
        let context = self.bureauContext(submittedBy: Self.drafterFinance, supervisorApprovedBy: Actors.supervisor)
        #expect(
            refusalCode(WorkflowStateMachine.transition(from: .supervisorApproved, action: .approve, actor: Self.drafterFinance, context: context))
                == .fourEyes
        )
        #expect(
            refusalCode(WorkflowStateMachine.transition(from: .supervisorApproved, action: .approve, actor: Actors.finance, context: context)) == nil
        )
    }

    @Test("finance may not approve what they approved as supervisor")
    func financeWasSupervisor() throws {
        let context = self.bureauContext(submittedBy: Actors.bureauDrafter, supervisorApprovedBy: Self.supervisorFinance)
        let refused = try #require(
            refusal(WorkflowStateMachine.transition(from: .supervisorApproved, action: .approve, actor: Self.supervisorFinance, context: context))
        )
        #expect(refused.code == .fourEyes)
        #expect(refused.message.contains("supervisor approval"))
    }
}
