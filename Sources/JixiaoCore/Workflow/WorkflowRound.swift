/// The people of a table's current round, whom the four-eyes rule (四眼原则) keeps from
/// approving it.
///
/// A **round** runs from the table's creation, or from the final approval of its previous
/// revision (the step that moved it to `approved`; `adjust` then reopens it as the next
/// revision), up to now. A round is therefore the current revision: withdraw, return and a new
/// submission do not start one, so a colleague's withdraw + resubmit does not clear the earlier
/// submitter, and an edit made before a return still counts after it.
///
/// In a round:
/// - an **editor** changed its content: created the table, changed its header (title, header,
///   goals, funds, anything but the workflow bookkeeping of status, revision and the recorded
///   people) or added, changed, moved or removed an indicator;
/// - a **submitter** submitted it (any submission of the round, not only the latest).
///
/// Nobody who is either may approve the table, at the supervisor step or at finance's.
public struct WorkflowRound: Sendable, Hashable {
    /// Users who changed the content in this round.
    public var editors: Set<Int64>
    /// Users who submitted the table in this round.
    public var submitters: Set<Int64>

    /// The people of a round; nobody by default.
    public init(editors: Set<Int64> = [], submitters: Set<Int64> = []) {
        self.editors = editors
        self.submitters = submitters
    }

    /// Why `userID` may not approve in this round, or nil when they may.
    func approvalRefusal(of userID: Int64) -> WorkflowRefusal? {
        if self.submitters.contains(userID) {
            return WorkflowRefusal(
                .fourEyes,
                "four eyes: the actor submitted this table earlier in the current round (since its creation or last approval) and may not approve it"
            )
        }
        if self.editors.contains(userID) {
            return WorkflowRefusal(
                .fourEyes,
                "four eyes: the actor changed the content of this table in the current round (since its creation or last approval) and may not approve it"
            )
        }
        return nil
    }
}
