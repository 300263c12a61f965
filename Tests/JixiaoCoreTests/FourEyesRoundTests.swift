import Testing

@testable import JixiaoCore

@Suite("Workflow: four eyes per round")
struct FourEyesRoundTests {
    /// A drafter of the bureau who also supervises it, and one who also works for finance.
    static let drafterSupervisor = WorkflowActor(userID: uuid(71), unitID: SeedUnits.bureau, roles: [.drafter, .supervisor])
    static let drafterFinance = WorkflowActor(userID: uuid(72), unitID: SeedUnits.bureau, roles: [.drafter, .finance])

    private func context(round: WorkflowRound, submittedBy: Int64 = Actors.bureauDrafter.userID, supervisor: Int64? = nil) -> WorkflowContext {
        WorkflowContext(
            tableUnitID: SeedUnits.bureau,
            supervisingUnitID: SeedUnits.bureau,
            submittedBy: submittedBy,
            supervisorApprovedBy: supervisor,
            round: round
        )
    }

    /// The supervisor step taken by `drafterSupervisor` in `round`.
    private func supervisorApproval(round: WorkflowRound) -> Result<Transition, WorkflowRefusal> {
        WorkflowStateMachine.transition(from: .submitted, action: .approve, actor: Self.drafterSupervisor, context: self.context(round: round))
    }

    @Test("who changed the content in the round approves at neither step")
    func editorApprovesNeither() throws {
        let round = WorkflowRound(editors: [Self.drafterSupervisor.userID, Self.drafterFinance.userID], submitters: [Actors.bureauDrafter.userID])
        let first = try #require(refusal(self.supervisorApproval(round: round)))
        #expect(first.code == .fourEyes)
        #expect(first.message.contains("changed the content"))
        let final = self.context(round: round, supervisor: Actors.supervisor.userID)
        #expect(
            refusalCode(WorkflowStateMachine.transition(from: .supervisorApproved, action: .approve, actor: Self.drafterFinance, context: final))
                == .fourEyes
        )
        // Somebody outside the round may; so may the editors return it (not an approval).
        #expect(
            refusalCode(
                WorkflowStateMachine.transition(from: .submitted, action: .approve, actor: Actors.supervisor, context: self.context(round: round))
            ) == nil
        )
        #expect(
            refusalCode(WorkflowStateMachine.transition(from: .supervisorApproved, action: .approve, actor: Actors.finance, context: final)) == nil
        )
        var returning = self.context(round: round)
        returning.reason = "请补充"
        #expect(
            refusalCode(WorkflowStateMachine.transition(from: .submitted, action: .return, actor: Self.drafterSupervisor, context: returning)) == nil
        )
    }

    @Test("an earlier submitter of the round stays out after a colleague's withdraw and resubmit")
    func earlierSubmitter() throws {
        // drafterSupervisor submitted, a colleague withdrew and submitted again: the table now
        // records the colleague, the round still holds both.
        let round = WorkflowRound(submitters: [Self.drafterSupervisor.userID, Actors.bureauDrafter.userID])
        let refused = try #require(refusal(self.supervisorApproval(round: round)))
        #expect(refused.code == .fourEyes)
        #expect(refused.message.contains("submitted this table earlier"))
    }

    @Test("available actions leave out approve for the people of the round")
    func availableActions() {
        let round = WorkflowRound(editors: [Self.drafterSupervisor.userID])
        let actions = WorkflowStateMachine.availableActions(from: .submitted, actor: Self.drafterSupervisor, context: self.context(round: round))
        #expect(!actions.contains(.approve))
        #expect(actions.contains(.return))
        #expect(
            WorkflowStateMachine.availableActions(from: .submitted, actor: Self.drafterSupervisor, context: self.context(round: WorkflowRound()))
                .contains(.approve)
        )
    }
}
