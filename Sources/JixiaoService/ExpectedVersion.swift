import JixiaoCore

/// Which version of an indicator a write is checked against: a choice the service offers
/// explicitly, so that no front end writes blindly on its own.
public enum ExpectedVersion: Sendable, Hashable {
    /// The version the caller read: a newer one is a conflict. The API (`If-Match`), the web
    /// pages and scripts (`--expect-version`) use this.
    case read(Int)
    /// The version current when the operation starts: for a person at a terminal who has just
    /// looked at the table (the CLI without `--expect-version`). A change that lands between
    /// that moment and the write is still a conflict: nothing is overwritten unseen.
    case current
}

extension JixiaoService {
    /// The version number `expected` stands for, for one indicator of a table the caller can
    /// read (not found otherwise, like every read).
    public func version(_ expected: ExpectedVersion, _ caller: Caller, tableID: Int64, indicatorID: Int64) async throws -> Int {
        switch expected {
        case .read(let version):
            return version
        case .current:
            let table = try await self.table(caller, id: tableID)
            guard let indicator = table.indicators.first(where: { $0.id == indicatorID }) else {
                throw ServiceError.notFound("indicator \(indicatorID) of table \(tableID)")
            }
            return indicator.version
        }
    }
}
