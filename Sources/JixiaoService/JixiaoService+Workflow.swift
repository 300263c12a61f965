import JixiaoCore
import PQ

/// The outcome of one table in a batch approval.
public struct BatchResult: Sendable {
    public var tableID: Int64
    public var title: String
    public var result: Result<TargetTable, ServiceError>
}

extension JixiaoService {
    /// Moves a table through the approval workflow (DESIGN §1.5) in one transaction that also
    /// writes the workflow event. The state machine of `JixiaoCore` decides; refusals say why.
    /// `indicatorIDs` (for `return`) name the indicators the reason is about.
    public func transition(
        _ caller: Caller,
        tableID: Int64,
        action: WorkflowAction,
        reason: String? = nil,
        indicatorIDs: [Int64] = [],
        expectVersion: Int? = nil
    ) async throws -> TargetTable {
        try InputLimitChecks.reason(reason)
        return try await self.database.write(actor: caller.login, reason: reason) { conn in
            let loaded = try Self.loadReadable(conn, caller, id: tableID, lock: .forUpdate)
            let table = loaded.table
            if let expectVersion, expectVersion != table.version {
                throw ServiceError(
                    .conflict,
                    .versionConflict,
                    "table \(tableID) was changed by someone else (you read version \(expectVersion), it is now \(table.version))",
                    current: .table(table)
                )
            }
            let findings = action == .submit ? Validator.findings(for: table) : []
            // Only an approval asks who else took part in the round (four eyes).
            let round = action == .approve ? try Self.round(conn, tableID: tableID) : WorkflowRound()
            let context = WorkflowContext(
                table: table,
                findings: findings,
                submittedBy: loaded.submittedBy,
                supervisorApprovedBy: loaded.supervisorApprovedBy,
                round: round,
                reason: reason
            )
            let transition: Transition
            switch WorkflowStateMachine.transition(from: table.status, action: action, actor: caller.actor, context: context) {
            case .success(let value): transition = value
            case .failure(let refusal):
                var error = ServiceError(refusal)
                if refusal.code == .hasErrors { error.findings = findings.filter { $0.severity == .error } }
                throw error
            }
            let known = Set(table.indicators.map(\.id))
            if let unknown = indicatorIDs.first(where: { !known.contains($0) }) {
                throw ServiceError.invalid("indicator \(unknown) is not part of table \(tableID)")
            }
            let revision = table.revision + (transition.incrementsRevision ? 1 : 0)
            let userID = caller.user.id
            // The people the table records come from the transition: Core decides them.
            try conn.run(Statements.UpdateTableStatus(tableID: tableID, status: transition.to, revision: revision, people: transition.people))
            try conn.run(
                Statements.InsertWorkflowEvent(
                    tableID: tableID,
                    userID: userID,
                    action: action,
                    transition: transition,
                    revision: revision,
                    indicatorIDs: indicatorIDs
                )
            )
            return try Self.loadTable(conn, id: tableID)!.table
        }
    }

    /// The people of the table's current round (`WorkflowRound`), read from its audit trail in
    /// the caller's transaction (the table row is locked, so no step of the round is missed).
    static func round(_ conn: Connection, tableID: Int64) throws -> WorkflowRound {
        var round = WorkflowRound()
        for person in try conn.rows(Statements.RoundPeople(tableID: tableID)) {
            guard let userID = person.userID else { continue }  // an actor that is no user (psql)
            if person.part == "submit" { round.submitters.insert(userID) } else { round.editors.insert(userID) }
        }
        return round
    }

    /// Approves every table waiting for the caller's step (optionally of one unit), each in
    /// its own transaction, and reports each result: one refusal does not stop the rest.
    public func approveAllPending(
        _ caller: Caller,
        unit: String? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> [BatchResult] {
        try ServiceError.check(Permissions.canBatchApprove(actor: caller.actor))
        var pending: [TableSummary] = []
        if caller.has(.supervisor) {
            // A supervisor also reads its own unit's tables; only those its unit supervises wait for it.
            let ownUnit = try await self.database.read { conn in
                try conn.first(Statements.UnitName(id: caller.user.unitID))
            }
            pending += try await self.listTables(caller, filter: TableFilter(unit: unit, status: .submitted))
                .filter { $0.supervisingUnit == ownUnit }
        }
        if caller.has(.finance) {
            pending += try await self.listTables(caller, filter: TableFilter(unit: unit, status: .supervisorApproved))
        }
        var results: [BatchResult] = []
        for (index, summary) in pending.enumerated() {
            progress?(index + 1, pending.count)
            do {
                let table = try await self.transition(caller, tableID: summary.id, action: .approve)
                results.append(BatchResult(tableID: summary.id, title: summary.title, result: .success(table)))
            } catch let error as ServiceError {
                results.append(BatchResult(tableID: summary.id, title: summary.title, result: .failure(error)))
            }
        }
        return results
    }
}
