/// Where a table stands in the approval workflow (DESIGN §1.5). Raw values are stored in SQL and JSON.
public enum TableStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// 草稿 — being drafted by the unit.
    case draft
    /// 已提交 — waiting for the supervising department.
    case submitted
    /// 主管部门已审核 — waiting for finance.
    case supervisorApproved = "supervisor_approved"
    /// 已批复 — approved by finance; content is frozen until `adjust`.
    case approved
    /// 已退回 — sent back with a reason; editable again.
    case returned

    /// The Chinese label for people.
    public var label: String {
        switch self {
        case .draft: return "草稿"
        case .submitted: return "已提交"
        case .supervisorApproved: return "主管部门已审核"
        case .approved: return "已批复"
        case .returned: return "已退回"
        }
    }

    /// The content is frozen as last submitted (in review or approved): "since the last
    /// submission" then means since the submission before it, the one a reviewer saw last.
    public var holdsSubmittedContent: Bool {
        self == .submitted || self == .supervisorApproved || self == .approved
    }

    /// Content (header and indicators) may change only in these states.
    public var allowsContentChanges: Bool {
        self == .draft || self == .returned
    }
}
