import Foundation

/// What the workflow needs to know about the table and its current step.
public struct WorkflowContext: Sendable, Hashable {
    /// The unit that drafts the table.
    public var tableUnitID: Int64
    /// The unit whose supervisors review it (equal to `tableUnitID` for a department's own table).
    public var supervisingUnitID: Int64
    /// Who submitted the table for the current round; nil before the first submission.
    public var submittedBy: Int64?
    /// Who gave the supervisor approval of the current round, if any.
    public var supervisorApprovedBy: Int64?
    /// Who changed the content or submitted in the current round (`WorkflowRound`): none of
    /// them may approve. The service reads it from the audit trail.
    public var round: WorkflowRound
    /// True while the validator reports error-level findings; blocks `submit`.
    public var hasErrorFindings: Bool
    /// The reason given with the action (required for `return`).
    public var reason: String?

    /// A context from its parts; no submission, no errors, no reason by default.
    public init(
        tableUnitID: Int64,
        supervisingUnitID: Int64,
        submittedBy: Int64? = nil,
        supervisorApprovedBy: Int64? = nil,
        round: WorkflowRound = WorkflowRound(),
        hasErrorFindings: Bool = false,
        reason: String? = nil
    ) {
        self.tableUnitID = tableUnitID
        self.supervisingUnitID = supervisingUnitID
        self.submittedBy = submittedBy
        self.supervisorApprovedBy = supervisorApprovedBy
        self.round = round
        self.hasErrorFindings = hasErrorFindings
        self.reason = reason
    }

    /// The context for `table`, with error findings taken from `findings`.
    public init(
        table: TargetTable,
        findings: [Finding],
        submittedBy: Int64? = nil,
        supervisorApprovedBy: Int64? = nil,
        round: WorkflowRound = WorkflowRound(),
        reason: String? = nil
    ) {
        self.init(
            tableUnitID: table.unitID,
            supervisingUnitID: table.supervisingUnitID,
            submittedBy: submittedBy,
            supervisorApprovedBy: supervisorApprovedBy,
            round: round,
            hasErrorFindings: findings.contains { $0.severity == .error },
            reason: reason
        )
    }
}
