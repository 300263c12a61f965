import Foundation
import JixiaoCore
import PQ

extension JixiaoService {
    /// Creates a table as a draft of its unit, with its indicators (a drafter of that unit,
    /// or an admin importing documents). The supervising unit is the unit's parent, or the
    /// unit itself for a department's own table.
    public func createTable(_ caller: Caller, _ new: NewTable, reason: String? = nil) async throws -> TargetTable {
        try Validation.requireText(new.title, field: "title")
        guard TargetTable.fiscalYears.contains(new.fiscalYear) else {
            throw ServiceError.invalid(
                "fiscal year \(new.fiscalYear) is outside \(TargetTable.fiscalYears.lowerBound)…\(TargetTable.fiscalYears.upperBound)"
            )
        }
        try InputLimitChecks.reason(reason)
        let id = try await self.database.write(actor: caller.login, reason: reason ?? "created") { conn -> Int64 in
            try Self.insertTable(conn, caller, new)
        }
        return try await self.table(caller, id: id)
    }

    /// Inserts a table and its indicators inside the caller's transaction, after checking that
    /// the caller may create tables of its unit; returns the new id.
    static func insertTable(_ conn: Connection, _ caller: Caller, _ new: NewTable) throws -> Int64 {
        try InputLimitChecks.header(title: new.title, goals: new.goals)
        let headerJSON = try Rows.headerJSON(new.header)
        guard let unit = try conn.first(Statements.UnitByCodeOrName(codeOrName: new.unit)) else {
            throw ServiceError.notFound("unit \(new.unit)")
        }
        try ServiceError.check(Permissions.canCreateTable(inUnit: unit.id, unitName: unit.name, actor: caller.actor))
        let tableID = try conn.first(Statements.InsertTable(new: new, headerJSON: headerJSON, unit: unit))!
        try Self.insertIndicators(conn, tableID: tableID, inputs: new.indicators, firstPosition: 1)
        return tableID
    }

    /// Inserts indicators at consecutive positions (one pipelined round trip).
    static func insertIndicators(_ conn: Connection, tableID: Int64, inputs: [IndicatorInput], firstPosition: Int) throws {
        guard !inputs.isEmpty else { return }
        try InputLimitChecks.newIndicators(inputs, firstPosition: firstPosition)
        let statements = inputs.enumerated().map { offset, input in
            Statements.InsertIndicator(tableID: tableID, position: firstPosition + offset, input: input).pipelined
        }
        _ = try conn.pipeline(statements)
    }

    /// One table with its indicators, if the caller may read it (otherwise not found).
    public func table(_ caller: Caller, id: Int64) async throws -> TargetTable {
        // One round trip: the table and its indicators from one snapshot, checked afterwards.
        let table = Statements.LoadTable(id: id)
        let indicators = Statements.LoadIndicators(tableID: id)
        return try await self.database.read([table.pipelined, indicators.pipelined]) { results in
            try Self.readable(Self.tableRow(table.first(results[0]), indicators: indicators.rows(results[1])), caller, id: id).table
        }
    }

    /// Tables the caller may read, filtered, ordered by year, unit and title, each with its
    /// project or fund name, latest submit and findings counts.
    ///
    /// One statement reads the tables with their indicators; the counts are the validator's
    /// (`Validator.findings`), computed here for the rows the caller may read rather than
    /// stored, so that they can never be stale (an edit by psql included). The cost is one
    /// JSON decode and one validation per listed table (about 25 indicators each).
    public func listTables(_ caller: Caller, filter: TableFilter = TableFilter()) async throws -> [TableSummary] {
        let rows = try await self.database.read { conn in try conn.rows(Statements.ListTables(filter: filter)) }
        // The read and queue rules live in JixiaoCore (Permissions, WorkQueue); apply them row by row.
        return try rows.compactMap { listed in
            guard let listed, Permissions.canRead(scope: listed.scope, actor: caller.actor).isAllowed,
                !filter.waitingForMe || WorkQueue.waits(listed.scope, for: caller.actor)
            else { return nil }
            var table = try Rows.table(listed.row).table
            table.indicators = try JSONDecoder().decode(
                [IndicatorRowImage].self,
                from: Data(try listed.row.decode(String.self, "indicator_rows").utf8)
            )
            .map(\.indicator)
            let findings = Validator.findings(for: table)
            var summary = listed.summary
            summary.name = table.header.name
            summary.errorCount = findings.count(where: { $0.severity == .error })
            summary.warningCount = findings.count - summary.errorCount
            return summary
        }
    }

    /// The validation findings of a table (DESIGN §1.6).
    public func findings(_ caller: Caller, id: Int64) async throws -> [Finding] {
        Validator.findings(for: try await self.table(caller, id: id))
    }

    /// Changes header fields of a draft or returned table (drafter of its unit), checked
    /// against the version the caller read.
    public func updateHeader(
        _ caller: Caller,
        id: Int64,
        expectVersion: Int,
        title: String? = nil,
        header: TableHeader? = nil,
        goals: [String]? = nil,
        reason: String
    ) async throws -> TargetTable {
        // The reason is checked, and audited as written.
        _ = try ServiceError.requireReason(reason, for: "changing a table's header")
        if let title { try Validation.requireText(title, field: "title") }
        try InputLimitChecks.header(title: title, goals: goals)
        let headerJSON = try header.map(Rows.headerJSON)
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            let current = try Self.loadEditable(conn, caller, id: id, lock: .forUpdate)
            if let header, header.kind != current.table.kind {
                throw ServiceError.invalid(
                    "the header is for a \(header.kind.rawValue) table, but table \(id) is a \(current.table.kind.rawValue) table"
                )
            }
            guard current.table.version == expectVersion else {
                throw ServiceError(
                    .conflict,
                    .versionConflict,
                    "table \(id) was changed by someone else (you read version \(expectVersion), it is now \(current.table.version))",
                    current: .table(try Self.loadTable(conn, id: id)!.table)
                )
            }
            try conn.run(Statements.UpdateTableHeader(id: id, title: title, headerJSON: headerJSON, goals: goals, header: header))
        }
        return try await self.table(caller, id: id)
    }

    // MARK: loading, shared by the operations

    /// Loads a table with its indicators, or nil.
    static func loadTable(_ conn: Connection, id: Int64, lock: Statements.TableLock = .unlocked) throws -> Rows.TableRow? {
        guard let row = try conn.first(Statements.LoadTable(id: id, lock: lock)) else { return nil }
        return self.tableRow(row, indicators: try conn.rows(Statements.LoadIndicators(tableID: id)))
    }

    /// A table row with its indicators, or nil.
    static func tableRow(_ row: Rows.TableRow?, indicators: [Indicator]) -> Rows.TableRow? {
        guard var loaded = row else { return nil }
        loaded.table.indicators = indicators
        return loaded
    }

    /// Loads a table the caller may read; "not found" otherwise, so that other units' tables
    /// are not revealed.
    static func loadReadable(_ conn: Connection, _ caller: Caller, id: Int64, lock: Statements.TableLock = .unlocked) throws -> Rows.TableRow {
        try self.readable(self.loadTable(conn, id: id, lock: lock), caller, id: id)
    }

    /// `loaded` if the caller may read it; "not found" otherwise.
    static func readable(_ loaded: Rows.TableRow?, _ caller: Caller, id: Int64) throws -> Rows.TableRow {
        guard let loaded, Permissions.canRead(table: loaded.table, actor: caller.actor).isAllowed else {
            throw ServiceError.notFound("table \(id)")
        }
        return loaded
    }

    /// Loads a table whose content the caller may change now (drafter of its unit, draft or
    /// returned), locking its row.
    static func loadEditable(_ conn: Connection, _ caller: Caller, id: Int64, lock: Statements.TableLock) throws -> Rows.TableRow {
        let loaded = try self.loadReadable(conn, caller, id: id, lock: lock)
        if let refusal = Permissions.canEditContent(table: loaded.table, actor: caller.actor).refusal {
            throw ServiceError(refusal)
        }
        return loaded
    }
}
