/// An allowed workflow step: where the table goes and what else changes.
public struct Transition: Sendable, Hashable {
    /// The action taken.
    public var action: WorkflowAction
    /// The status before.
    public var from: TableStatus
    /// The status after.
    public var to: TableStatus
    /// True for `adjust`: the approved revision stays as it is and revision + 1 opens.
    public var incrementsRevision: Bool
    /// The trimmed reason to record in the workflow event; nil when none was given.
    public var reason: String?
    /// Who the table records as submitter and approvers after this step.
    public var people: WorkflowPeople

    /// A transition; `WorkflowStateMachine` is the one that decides it.
    public init(
        action: WorkflowAction,
        from: TableStatus,
        to: TableStatus,
        incrementsRevision: Bool = false,
        reason: String? = nil,
        people: WorkflowPeople = WorkflowPeople()
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.incrementsRevision = incrementsRevision
        self.reason = reason
        self.people = people
    }
}

/// The people a table records for its current round (user ids): who submitted it, who gave the
/// supervisor approval, who gave the final approval. The four-eyes checks read them.
public struct WorkflowPeople: Sendable, Hashable {
    /// Who submitted the current round; nil outside a round.
    public var submittedBy: Int64?
    /// Who gave the supervisor approval of the current round.
    public var supervisorApprovedBy: Int64?
    /// Who gave finance's approval (only while the table is approved).
    public var approvedBy: Int64?

    /// The people of a round; nobody by default (a new round).
    public init(submittedBy: Int64? = nil, supervisorApprovedBy: Int64? = nil, approvedBy: Int64? = nil) {
        self.submittedBy = submittedBy
        self.supervisorApprovedBy = supervisorApprovedBy
        self.approvedBy = approvedBy
    }
}
