/// A step in the approval workflow (DESIGN §1.5). Raw values are stored in SQL and JSON.
public enum WorkflowAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// 提交 — drafter sends a draft or returned table for review.
    case submit
    /// 撤回 — drafter takes a submitted table back before the supervisor acts.
    case withdraw
    /// 审核通过 — supervisor (first step) or finance (final step) approves.
    case approve
    /// 退回 — supervisor or finance sends the table back, with a reason.
    case `return`
    /// 调整 — drafter reopens an approved table as a new revision.
    case adjust

    /// The states this action may start from.
    public var sourceStates: [TableStatus] {
        switch self {
        case .submit: return [.draft, .returned]
        case .withdraw: return [.submitted]
        case .approve, .return: return [.submitted, .supervisorApproved]
        case .adjust: return [.approved]
        }
    }
}
