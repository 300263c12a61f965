import Testing

@testable import JixiaoCore

struct AllowedCase: Sendable, CustomTestStringConvertible {
    var from: TableStatus
    var action: WorkflowAction
    var actor: WorkflowActor
    var to: TableStatus
    var incrementsRevision = false
    var testDescription: String { "\(self.action.rawValue) \(self.from.rawValue) → \(self.to.rawValue)" }
}

@Suite("Workflow: allowed transitions")
struct WorkflowTransitionTests {
    static let allowed: [AllowedCase] = [
        AllowedCase(from: .draft, action: .submit, actor: Actors.drafter, to: .submitted),
        AllowedCase(from: .returned, action: .submit, actor: Actors.otherDrafter, to: .submitted),
        AllowedCase(from: .submitted, action: .withdraw, actor: Actors.drafter, to: .draft),
        AllowedCase(from: .submitted, action: .approve, actor: Actors.supervisor, to: .supervisorApproved),
        AllowedCase(from: .supervisorApproved, action: .approve, actor: Actors.finance, to: .approved),
        AllowedCase(from: .submitted, action: .return, actor: Actors.supervisor, to: .returned),
        AllowedCase(from: .supervisorApproved, action: .return, actor: Actors.finance, to: .returned),
        AllowedCase(from: .approved, action: .adjust, actor: Actors.drafter, to: .draft, incrementsRevision: true),
    ]

    @Test("every allowed step", arguments: allowed)
    func allowedStep(step: AllowedCase) throws {
        let result = WorkflowStateMachine.transition(from: step.from, action: step.action, actor: step.actor, context: centreContext(step.from))
        let transition = try result.get()
        #expect(transition.from == step.from)
        #expect(transition.to == step.to)
        #expect(transition.action == step.action)
        #expect(transition.incrementsRevision == step.incrementsRevision)
    }

    @Test("return records the trimmed reason")
    func reasonRecorded() throws {
        let transition = try WorkflowStateMachine.transition(
            from: .submitted,
            action: .return,
            actor: Actors.supervisor,
            context: centreContext(.submitted, reason: "  成本指标与资金总额不符 \n")
        ).get()
        #expect(transition.reason == "成本指标与资金总额不符")
    }

    @Test("a department's own table is supervised by itself")
    func ownTable() throws {
        let context = WorkflowContext(tableUnitID: SeedUnits.bureau, supervisingUnitID: SeedUnits.bureau)
        let submitted = try WorkflowStateMachine.transition(from: .draft, action: .submit, actor: Actors.bureauDrafter, context: context).get()
        #expect(submitted.to == .submitted)
        var review = context
        review.submittedBy = Actors.bureauDrafter.userID
        let approved = try WorkflowStateMachine.transition(from: .submitted, action: .approve, actor: Actors.supervisor, context: review).get()
        #expect(approved.to == .supervisorApproved)
    }

    @Test("errors block submit only: withdraw and adjust still work")
    func errorsBlockOnlySubmit() {
        #expect(
            refusalCode(
                WorkflowStateMachine.transition(
                    from: .submitted,
                    action: .withdraw,
                    actor: Actors.drafter,
                    context: centreContext(.submitted, errors: true)
                )
            ) == nil
        )
        #expect(
            refusalCode(
                WorkflowStateMachine.transition(
                    from: .approved,
                    action: .adjust,
                    actor: Actors.drafter,
                    context: centreContext(.approved, errors: true)
                )
            ) == nil
        )
    }

    @Test("available actions per actor and state")
    func available() {
        #expect(
            WorkflowStateMachine.availableActions(from: .draft, actor: Actors.drafter, context: centreContext(.draft, reason: nil, errors: true)) == [
                .submit
            ]
        )
        #expect(
            WorkflowStateMachine.availableActions(from: .submitted, actor: Actors.supervisor, context: centreContext(.submitted, reason: nil)) == [
                .approve, .return,
            ]
        )
        #expect(WorkflowStateMachine.availableActions(from: .submitted, actor: Actors.drafter, context: centreContext(.submitted)) == [.withdraw])
        #expect(
            WorkflowStateMachine.availableActions(from: .supervisorApproved, actor: Actors.auditor, context: centreContext(.supervisorApproved))
                .isEmpty
        )
    }
}
