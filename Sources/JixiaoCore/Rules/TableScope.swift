import Foundation

/// What permission checks need of a table: whose it is, who supervises it, where it stands.
/// Lets the service check access without loading the indicators.
public struct TableScope: Sendable, Hashable {
    /// The unit that drafts the table.
    public var unitID: Int64
    /// The unit whose supervisors review it.
    public var supervisingUnitID: Int64
    /// The table's workflow status.
    public var status: TableStatus

    /// The scope of a table.
    public init(unitID: Int64, supervisingUnitID: Int64, status: TableStatus) {
        self.unitID = unitID
        self.supervisingUnitID = supervisingUnitID
        self.status = status
    }
}
