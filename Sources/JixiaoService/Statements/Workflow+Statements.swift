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

extension Statements {
    /// The columns of `target_table` that the workflow writes: a change of only these (and of
    /// `version`/`updated_at`, which the audit leaves out of `changed_fields`) is no content
    /// change. Schema 0011's guard trigger names the same columns.
    static let workflowColumns = ["status", "revision", "submitted_by", "supervisor_approved_by", "approved_by"]

    /// The people of a table's current round (`WorkflowRound`) from its audit trail: every audit
    /// row after the last approved snapshot (its `audit_seq` is the chain position of the final
    /// approval; 0 before the first), kept when it is a content change (a table row that is not
    /// only workflow bookkeeping, any indicator row) or a `submit` event. Editors are known by
    /// their login (the audit's actor), submitters by the event's user id.
    struct RoundPeople: PQStatement {
        var tableID: Int64
        var sql: String {
            """
            SELECT DISTINCT CASE WHEN a.entity = 'workflow' THEN 'submit' ELSE 'edit' END AS part,
                   CASE WHEN a.entity = 'workflow' THEN (a.new_values->>'user_id')::bigint ELSE u.id END AS user_id
            FROM audit_log a
            LEFT JOIN app_user u ON a.entity <> 'workflow' AND u.login = a.actor
            WHERE a.table_id = $1
              AND a.seq > coalesce((SELECT r.audit_seq FROM table_revision r WHERE r.table_id = $1 ORDER BY r.revision DESC LIMIT 1), 0)
              AND (a.entity = 'indicator'
                   OR (a.entity = 'table' AND (a.op <> 'update' OR NOT a.changed_fields <@ $2::text[]))
                   OR (a.entity = 'workflow' AND a.new_values->>'action' = 'submit'))
            """
        }
        var preparedName: String? { "round_people" }
        var bindings: [(any PQEncodable)?] { [self.tableID, Statements.workflowColumns] }
        func decodeRow(_ row: PQRow) throws -> (part: String, userID: Int64?) {
            (try row.decode(String.self, "part"), try row.decode(Int64?.self, "user_id"))
        }
    }
}
