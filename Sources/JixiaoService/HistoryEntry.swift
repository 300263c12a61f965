import Foundation
import JixiaoCore

extension AuditRecord where Image == AuditImage {
    /// Converts a stored entry: its images must be of its entity's row type; its changed
    /// columns become the API's field names (columns the API does not show are left out).
    public init(_ entry: AuditEntry) throws {
        self.init(
            tableID: entry.tableID,
            seq: entry.seq,
            entity: entry.entity,
            op: entry.op,
            indicatorID: entry.indicatorID,
            oldValues: try entry.oldValues.map { try AuditImage(entity: entry.entity, json: $0) },
            newValues: try entry.newValues.map { try AuditImage(entity: entry.entity, json: $0) },
            changedFields: entry.changedFields.map { columns in
                Array(Set(columns.compactMap { AuditImage.fieldName($0, entity: entry.entity) })).sorted()
            },
            actor: entry.actor,
            reason: entry.reason,
            tableStatus: entry.tableStatus,
            tableRevision: entry.tableRevision,
            changedAt: entry.changedAt,
            transactionID: entry.transactionID
        )
    }
}
