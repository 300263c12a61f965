import Foundation
import JixiaoCore

/// One change of a table as people read its history: one row per change (a header edit, an
/// indicator added, edited or removed), one row per workflow step with its status change
/// folded in, fields as the API names them with old → new, the indicator by name and
/// position, the person by login and name.
public struct HistoryStep: Sendable, Hashable, Encodable {
    public var tableID: Int64
    /// The newest audit row the step stands for (its position in the table's chain).
    public var seq: Int64
    public var at: Date
    /// Who, by login (as the audit trail records it) and, when the login is a user's, name.
    public var actor: String
    public var actorName: String?
    /// `workflow`, `table` (the header row) or `indicator`.
    public var entity: String
    /// The workflow action (`submit`, `return` …) or `insert`, `update`, `delete`.
    public var action: String
    public var indicatorID: Int64?
    /// 三级指标 and position of the indicator (as after the change; before it when removed).
    public var indicatorName: String?
    public var indicatorPosition: Int?
    /// The table's status before and after a workflow step; after the change otherwise.
    public var fromStatus: String?
    public var toStatus: String?
    public var revision: Int?
    public var reason: String?
    /// The indicators a return names.
    public var indicatorIDs: [Int64]
    /// The fields that changed (for an added or removed row, those with a value).
    public var changes: [FieldChange]

    /// `li（李主管）`, or the login alone.
    public var actorLabel: String { Person.label(login: self.actor, displayName: self.actorName) }

    enum CodingKeys: String, CodingKey {
        case seq, at, actor, entity, action, revision, reason, changes
        case tableID = "table_id"
        case actorName = "actor_name"
        case indicatorID = "indicator_id"
        case indicatorName = "indicator_name"
        case indicatorPosition = "indicator_position"
        case fromStatus = "from_status"
        case toStatus = "to_status"
        case indicatorIDs = "indicator_ids"
    }

    /// The columns a workflow step writes to the table row besides its content: a table
    /// update that changes only these, in the step's transaction, is the step itself.
    static let workflowColumns: Set<String> = [
        "status", "revision", "version", "updated_at", "submitted_by", "supervisor_approved_by", "approved_by",
    ]

    /// The steps of `entries` (newest first, as history reads them), with `people` by login.
    static func steps(_ entries: [AuditEntry], people: [String: Person]) throws -> [HistoryStep] {
        // The table updates that a workflow row of the same transaction stands for.
        let steps = Set(entries.filter { $0.entity == "workflow" }.map { StepKey(tableID: $0.tableID, transactionID: $0.transactionID) })
        var result: [HistoryStep] = []
        for entry in entries {
            if entry.entity == "table", entry.op == "update",
                steps.contains(StepKey(tableID: entry.tableID, transactionID: entry.transactionID)),
                Set(entry.changedFields ?? []).isSubset(of: Self.workflowColumns)
            {
                continue
            }
            result.append(try Self.step(try HistoryEntry(entry), person: people[entry.actor]))
        }
        return result
    }

    private struct StepKey: Hashable {
        var tableID: Int64
        var transactionID: Int64
    }

    /// One entry as a step.
    private static func step(_ entry: HistoryEntry, person: Person?) throws -> HistoryStep {
        var step = HistoryStep(
            tableID: entry.tableID,
            seq: entry.seq,
            at: entry.changedAt,
            actor: entry.actor,
            actorName: person?.displayName,
            entity: entry.entity,
            action: entry.op,
            toStatus: entry.tableStatus,
            revision: entry.tableRevision,
            reason: entry.reason,
            indicatorIDs: [],
            changes: []
        )
        switch (entry.oldValues, entry.newValues) {
        case (_, .workflow(let event)?):
            step.action = event.action.rawValue
            step.fromStatus = event.fromStatus.rawValue
            step.toStatus = event.toStatus.rawValue
            step.revision = event.revision
            step.reason = event.reason ?? entry.reason
            step.indicatorIDs = event.indicatorIDs
            step.changes = [FieldChange(field: "status", old: event.fromStatus.rawValue, new: event.toStatus.rawValue)]
        case (let old, let new):
            step.indicatorID = entry.indicatorID
            switch (old, new) {
            case (.indicator(let before)?, .indicator(let after)?):
                step.describe(after)
                step.changes = TableComparison.indicators([before], [after]).first?.fields ?? []
            case (nil, .indicator(let after)?):
                step.describe(after)
                step.changes = TableComparison.indicators([], [after]).first?.fields ?? []
            case (.indicator(let before)?, nil):
                step.describe(before)
                step.changes = TableComparison.indicators([before], []).first?.fields ?? []
            case (let before, let after):
                step.changes = Self.headerChanges(before, after)
            }
        }
        return step
    }

    private mutating func describe(_ indicator: Indicator) {
        self.indicatorName = indicator.fields.level3
        self.indicatorPosition = indicator.position
    }

    /// A header row's changes: title, header fields and goals (Core's comparison), and the
    /// workflow columns a change outside a step touched (status, revision); a created or
    /// deleted table by its title.
    private static func headerChanges(_ old: AuditImage?, _ new: AuditImage?) -> [FieldChange] {
        func image(_ image: AuditImage?) -> TableImage? {
            if case .table(let table)? = image { return table }
            return nil
        }
        switch (image(old), image(new)) {
        case (let before?, let after?):
            let difference = TableComparison.compare(Self.table(before), Self.table(after))
            var changes = difference.header + difference.goals
            if before.status != after.status {
                changes.append(FieldChange(field: "status", old: before.status.rawValue, new: after.status.rawValue))
            }
            if before.revision != after.revision {
                changes.append(FieldChange(field: "revision", old: String(before.revision), new: String(after.revision)))
            }
            return changes
        case (nil, let after?): return [FieldChange(field: "title", old: nil, new: after.title)]
        case (let before?, nil): return [FieldChange(field: "title", old: before.title, new: nil)]
        case (nil, nil): return []
        }
    }

    /// A header image as a table without indicators, for `TableComparison`.
    private static func table(_ image: TableImage) -> TargetTable {
        TargetTable(
            id: image.id,
            title: image.title,
            fiscalYear: image.fiscalYear,
            unitID: image.unitID,
            supervisingUnitID: image.supervisingUnitID,
            header: image.header,
            goals: image.goals,
            indicators: []
        )
    }
}
