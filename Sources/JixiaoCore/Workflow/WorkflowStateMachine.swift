/// The approval workflow of DESIGN §1.5 as a pure function.
///
/// ```
/// draft/returned ─submit→ submitted ─approve(supervisor)→ supervisor_approved ─approve(finance)→ approved
/// submitted ─withdraw→ draft;  submitted/supervisor_approved ─return→ returned;  approved ─adjust→ draft (revision + 1)
/// ```
/// Checks run in a fixed order so the refusal is the most basic one: disabled account,
/// wrong state, role and unit, four eyes, reason, error findings. A transition also says who
/// the table records as submitter and approvers afterwards (`Transition.people`): the service
/// writes those values.
public enum WorkflowStateMachine {
    /// The transition `action` makes from `status`, or why it is refused.
    public static func transition(
        from status: TableStatus,
        action: WorkflowAction,
        actor: WorkflowActor,
        context: WorkflowContext
    ) -> Result<Transition, WorkflowRefusal> {
        if actor.isDisabled {
            return .failure(WorkflowRefusal(.notPermitted, "the actor's account is disabled"))
        }
        guard action.sourceStates.contains(status) else {
            let allowed = action.sourceStates.map(\.rawValue).joined(separator: " or ")
            return .failure(
                WorkflowRefusal(
                    .wrongState,
                    "cannot \(action.rawValue) a table that is \(status.rawValue) (\(status.label)); \(action.rawValue) is allowed only from \(allowed)"
                )
            )
        }
        let reason = ChangeReason.optional(context.reason)
        // Who the table records as submitter and approvers after the step: a new round (withdraw,
        // return, adjust) clears them all; submit starts a round; each approval adds its approver.
        let cleared = WorkflowPeople()

        switch action {
        case .submit:
            guard actor.holds(.drafter, in: context.tableUnitID) else {
                return .failure(WorkflowRefusal(.notPermitted, "submit needs the drafter role in the table's unit; \(actor.lacking(.drafter))"))
            }
            if context.hasErrorFindings {
                return .failure(WorkflowRefusal(.hasErrors, "the table has error-level findings; correct them before submitting"))
            }
            return .success(
                Transition(action: action, from: status, to: .submitted, reason: reason, people: WorkflowPeople(submittedBy: actor.userID))
            )

        case .withdraw:
            guard actor.holds(.drafter, in: context.tableUnitID) else {
                return .failure(WorkflowRefusal(.notPermitted, "withdraw needs the drafter role in the table's unit; \(actor.lacking(.drafter))"))
            }
            return .success(Transition(action: action, from: status, to: .draft, reason: reason, people: cleared))

        case .approve:
            if let refusal = self.reviewerRefusal(action: action, status: status, actor: actor, context: context) {
                return .failure(refusal)
            }
            if let submitter = context.submittedBy, submitter == actor.userID {
                return .failure(WorkflowRefusal(.fourEyes, "four eyes: the actor submitted this table and may not approve it"))
            }
            if status == .supervisorApproved, let supervisor = context.supervisorApprovedBy, supervisor == actor.userID {
                return .failure(
                    WorkflowRefusal(.fourEyes, "four eyes: the actor gave the supervisor approval and may not also give the finance approval")
                )
            }
            if let refusal = context.round.approvalRefusal(of: actor.userID) {
                return .failure(refusal)
            }
            let people =
                status == .submitted
                ? WorkflowPeople(submittedBy: context.submittedBy, supervisorApprovedBy: actor.userID)
                : WorkflowPeople(submittedBy: context.submittedBy, supervisorApprovedBy: context.supervisorApprovedBy, approvedBy: actor.userID)
            let next: TableStatus = status == .submitted ? .supervisorApproved : .approved
            return .success(Transition(action: action, from: status, to: next, reason: reason, people: people))

        case .return:
            if let refusal = self.reviewerRefusal(action: action, status: status, actor: actor, context: context) {
                return .failure(refusal)
            }
            guard case .success(let reason) = ChangeReason.required(context.reason, for: "return") else {
                return .failure(WorkflowRefusal(.reasonRequired, "return needs a reason (退回理由) saying what to correct"))
            }
            return .success(Transition(action: action, from: status, to: .returned, reason: reason, people: cleared))

        case .adjust:
            guard actor.holds(.drafter, in: context.tableUnitID) else {
                return .failure(WorkflowRefusal(.notPermitted, "adjust needs the drafter role in the table's unit; \(actor.lacking(.drafter))"))
            }
            guard case .success(let reason) = ChangeReason.required(context.reason, for: "adjust") else {
                return .failure(WorkflowRefusal(.reasonRequired, "adjust needs a reason (调整理由) saying why the approved targets change"))
            }
            return .success(Transition(action: action, from: status, to: .draft, incrementsRevision: true, reason: reason, people: cleared))
        }
    }

    /// Actions that pass the state, role and four-eyes checks for this actor now; a reason
    /// (for `return`) and the absence of errors (for `submit`) are checked when the action is taken.
    public static func availableActions(from status: TableStatus, actor: WorkflowActor, context: WorkflowContext) -> [WorkflowAction] {
        var probe = context
        probe.reason = "probe"
        probe.hasErrorFindings = false
        return WorkflowAction.allCases.filter { action in
            if case .success = self.transition(from: status, action: action, actor: actor, context: probe) { return true }
            return false
        }
    }

    /// Approve and return need the supervisor of the supervising unit at the first step and finance at the second.
    private static func reviewerRefusal(
        action: WorkflowAction,
        status: TableStatus,
        actor: WorkflowActor,
        context: WorkflowContext
    ) -> WorkflowRefusal? {
        if status == .submitted, !actor.holds(.supervisor, in: context.supervisingUnitID) {
            return WorkflowRefusal(
                .notPermitted,
                "\(action.rawValue) of a submitted table needs the supervisor role in the table's supervising unit; \(actor.lacking(.supervisor))"
            )
        }
        if status == .supervisorApproved, !actor.roles.contains(.finance) {
            return WorkflowRefusal(
                .notPermitted,
                "\(action.rawValue) of a supervisor_approved table needs the finance role; \(actor.lacking(.finance))"
            )
        }
        return nil
    }
}
