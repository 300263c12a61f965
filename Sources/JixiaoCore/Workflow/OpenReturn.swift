import Foundation

/// The return (退回) a table is answering: who sent it back, when, why, and which indicator
/// rows the reason is about. A return stays open until the table is next submitted
/// (`closes(_:)`); while it is open the table carries it, so that the drafter sees the reason
/// where the work is, not inside the history.
public struct OpenReturn: Sendable, Hashable, Codable {
    /// Who returned the table.
    public var returnedBy: Person
    /// When.
    public var returnedAt: Date
    /// Why, as written (never blank: Core requires a reason to return).
    public var reason: String
    /// The indicators the reason names (may be empty; an id may name a row deleted since).
    public var indicatorIDs: [Int64]

    /// An open return from its parts.
    public init(returnedBy: Person, returnedAt: Date, reason: String, indicatorIDs: [Int64]) {
        self.returnedBy = returnedBy
        self.returnedAt = returnedAt
        self.reason = reason
        self.indicatorIDs = indicatorIDs
    }

    /// Whether the return flags the indicator with this id.
    public func flags(_ indicatorID: Int64) -> Bool {
        self.indicatorIDs.contains(indicatorID)
    }

    /// Whether a later step of `action` closes a return: only the next submit does (editing,
    /// saving and withdrawing do not).
    public static func closes(_ action: WorkflowAction) -> Bool {
        action == .submit
    }

    /// The steps that decide whether a return is open: the newest of them is a `return`
    /// (open) or a step that closes it. The service reads only the newest of these.
    public static let decidingActions: [WorkflowAction] = WorkflowAction.allCases.filter { $0 == .return || Self.closes($0) }

    enum CodingKeys: String, CodingKey {
        case reason
        case returnedBy = "returned_by"
        case returnedAt = "returned_at"
        case indicatorIDs = "indicator_ids"
    }
}
