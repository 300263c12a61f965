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

    /// A transition; `WorkflowStateMachine` is the one that decides it.
    public init(action: WorkflowAction, from: TableStatus, to: TableStatus, incrementsRevision: Bool = false, reason: String? = nil) {
        self.action = action
        self.from = from
        self.to = to
        self.incrementsRevision = incrementsRevision
        self.reason = reason
    }
}
