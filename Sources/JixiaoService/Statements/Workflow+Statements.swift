import JixiaoCore
import PQ

extension Statements {
    /// Moves a table to its new status and revision and records who submitted and approved it.
    struct UpdateTableStatus: PQStatement {
        var tableID: Int64
        var status: TableStatus
        var revision: Int
        var people: WorkflowPeople
        var sql: String {
            "UPDATE target_table SET status = $2, revision = $3, submitted_by = $4, supervisor_approved_by = $5, approved_by = $6 WHERE id = $1"
        }
        var bindings: [(any PQEncodable)?] {
            [self.tableID, self.status.rawValue, self.revision, self.people.submittedBy, self.people.supervisorApprovedBy, self.people.approvedBy]
        }
    }

    /// Records one workflow step.
    struct InsertWorkflowEvent: PQStatement {
        var tableID: Int64
        var userID: Int64
        var action: WorkflowAction
        var transition: Transition
        var revision: Int
        var indicatorIDs: [Int64]
        var sql: String {
            """
            INSERT INTO workflow_event (table_id, user_id, action, from_status, to_status, revision, reason, indicator_ids)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint[])
            """
        }
        var bindings: [(any PQEncodable)?] {
            [
                self.tableID, self.userID, self.action.rawValue, self.transition.from.rawValue, self.transition.to.rawValue, self.revision,
                self.transition.reason, "{" + self.indicatorIDs.map(String.init).joined(separator: ",") + "}",
            ]
        }
    }
}
