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
        let id = try await self.database.write(actor: caller.login, reason: reason ?? "created") { conn -> Int64 in
            try Self.insertTable(conn, caller, new)
        }
        return try await self.table(caller, id: id)
    }

    /// Inserts a table and its indicators inside the caller's transaction, after checking that
    /// the caller may create tables of its unit; returns the new id.
    static func insertTable(_ conn: Connection, _ caller: Caller, _ new: NewTable) throws -> Int64 {
        let headerJSON = try Rows.headerJSON(new.header)
        guard
            let unitRow = try conn.query(
                "SELECT \(Rows.unitColumns) FROM unit WHERE code = $1 OR name = $1 ORDER BY code = $1 DESC LIMIT 1",
                [new.unit]
            ).first
        else {
            throw ServiceError.notFound("unit \(new.unit)")
        }
        let unit = try Rows.unit(unitRow)
        try ServiceError.check(Permissions.canCreateTable(inUnit: unit.id, unitName: unit.name, actor: caller.actor))
        let tableID = try conn.query(
            """
            INSERT INTO target_table (kind, title, fiscal_year, unit_id, supervising_unit_id, header, goals, funds_total, source_line)
            VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) RETURNING id
            """,
            [
                new.header.kind.rawValue, new.title, new.fiscalYear, unit.id, unit.supervisingUnitID, headerJSON,
                new.goals, new.header.funds?.total.map { PQNumeric($0.description)! }, new.sourceLine,
            ]
        ).first!.decode(Int64.self, "id")
        try Self.insertIndicators(conn, tableID: tableID, inputs: new.indicators, firstPosition: 1)
        return tableID
    }

    /// Inserts indicators at consecutive positions (one pipelined round trip).
    static func insertIndicators(_ conn: Connection, tableID: Int64, inputs: [IndicatorInput], firstPosition: Int) throws {
        guard !inputs.isEmpty else { return }
        let statements = inputs.enumerated().map { offset, input in
            PipelineStatement(
                """
                INSERT INTO indicator (table_id, position, level1, level2, level3, comparator, value, numeric_value,
                                       unit_of_measure, content, remark, source_line)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                """,
                [
                    tableID, firstPosition + offset, input.level1, input.level2, input.level3, input.comparator?.rawValue,
                    input.value, Self.numeric(input.value), input.unitOfMeasure, input.content, input.remark, input.line,
                ]
            )
        }
        _ = try conn.pipeline(statements)
    }

    /// The exact numeric value of an indicator value text, when it is a number.
    static func numeric(_ value: String) -> PQNumeric? {
        FixedDecimal(value.trimmingCharacters(in: .whitespaces)).flatMap { PQNumeric($0.description) }
    }

    /// One table with its indicators, if the caller may read it (otherwise not found).
    public func table(_ caller: Caller, id: Int64) async throws -> TargetTable {
        // One round trip: the table and its indicators from one snapshot, checked afterwards.
        try await self.database.read([Self.tableStatement(id), Self.indicatorsStatement(id)]) { results in
            try Self.readable(Self.tableRow(results[0].first, indicators: results[1]), caller, id: id).table
        }
    }

    /// Tables the caller may read, filtered, ordered by year, unit and title.
    public func listTables(_ caller: Caller, filter: TableFilter = TableFilter()) async throws -> [TableSummary] {
        try await self.database.read { conn in
            let rows = try conn.query(
                """
                SELECT t.id, t.kind, t.title, t.fiscal_year, t.unit_id, t.supervising_unit_id, t.status, t.revision, t.version,
                       u.name AS unit_name, s.name AS supervising_name,
                       (SELECT count(*)::int FROM indicator i WHERE i.table_id = t.id) AS indicator_count
                FROM target_table t JOIN unit u ON u.id = t.unit_id JOIN unit s ON s.id = t.supervising_unit_id
                WHERE ($1::int IS NULL OR t.fiscal_year = $1)
                  AND ($2::text IS NULL OR u.code = $2 OR u.name = $2)
                  AND ($3::text IS NULL OR t.status = $3)
                  AND ($4::text IS NULL OR t.kind = $4)
                ORDER BY t.fiscal_year, u.code, t.title, t.id
                """,
                [filter.fiscalYear, filter.unit, filter.status?.rawValue, filter.kind?.rawValue]
            )
            var summaries: [TableSummary] = []
            for row in rows {
                guard let status = TableStatus(rawValue: try row.decode(String.self, "status")),
                    let kind = TableKind(rawValue: try row.decode(String.self, "kind"))
                else { continue }
                let scope = TableScope(
                    unitID: try row.decode(Int64.self, "unit_id"),
                    supervisingUnitID: try row.decode(Int64.self, "supervising_unit_id"),
                    status: status
                )
                // The read rule lives in JixiaoCore.Permissions; apply it row by row.
                guard Permissions.canRead(scope: scope, actor: caller.actor).isAllowed else { continue }
                summaries.append(
                    TableSummary(
                        id: try row.decode(Int64.self, "id"),
                        kind: kind,
                        title: try row.decode(String.self, "title"),
                        fiscalYear: try row.decode(Int.self, "fiscal_year"),
                        unit: try row.decode(String.self, "unit_name"),
                        supervisingUnit: try row.decode(String.self, "supervising_name"),
                        status: status,
                        revision: try row.decode(Int.self, "revision"),
                        version: try row.decode(Int.self, "version"),
                        indicatorCount: try row.decode(Int.self, "indicator_count")
                    )
                )
            }
            return summaries
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
        let headerJSON = try header.map(Rows.headerJSON)
        try await self.database.write(actor: caller.login, reason: reason) { conn in
            let current = try Self.loadEditable(conn, caller, id: id, lock: "FOR UPDATE")
            if let header, header.kind != current.table.kind {
                throw ServiceError.invalid(
                    "the header is for a \(header.kind.rawValue) table, but table \(id) is a \(current.table.kind.rawValue) table"
                )
            }
            guard current.table.version == expectVersion else {
                throw ServiceError(
                    .conflict,
                    "version-conflict",
                    "table \(id) was changed by someone else (you read version \(expectVersion), it is now \(current.table.version))",
                    current: .table(try Self.loadTable(conn, id: id)!.table)
                )
            }
            try conn.execute(
                """
                UPDATE target_table SET title = coalesce($2, title), header = coalesce($3::jsonb, header),
                       goals = coalesce($4, goals),
                       funds_total = CASE WHEN $3::jsonb IS NULL THEN funds_total ELSE $5 END
                WHERE id = $1
                """,
                [id, title, headerJSON, goals, header?.funds?.total.map { PQNumeric($0.description)! }]
            )
        }
        return try await self.table(caller, id: id)
    }

    // MARK: loading, shared by the operations

    /// Loads a table with its indicators, or nil.
    static func loadTable(_ conn: Connection, id: Int64, lock: String = "") throws -> Rows.TableRow? {
        guard let row = try conn.query(self.tableStatement(id, lock: lock)).first else { return nil }
        return try self.tableRow(row, indicators: try conn.query(self.indicatorsStatement(id)))
    }

    /// A table row with its indicators' rows, or nil.
    static func tableRow(_ row: PQRow?, indicators: QueryResult) throws -> Rows.TableRow? {
        guard let row else { return nil }
        var loaded = try Rows.table(row)
        loaded.table.indicators = try indicators.map(Rows.indicator)
        return loaded
    }

    /// One table row (prepared per lock clause: "", "FOR UPDATE", "FOR SHARE").
    static func tableStatement(_ id: Int64, lock: String = "") -> PipelineStatement {
        PipelineStatement(
            prepared: "load_table" + lock.lowercased().replacingOccurrences(of: " ", with: "_"),
            "SELECT \(Rows.tableColumns) FROM target_table WHERE id = $1 \(lock)",
            [id]
        )
    }

    /// A table's indicators in order.
    static func indicatorsStatement(_ tableID: Int64) -> PipelineStatement {
        PipelineStatement(
            prepared: "load_indicators",
            "SELECT \(Rows.indicatorColumns) FROM indicator WHERE table_id = $1 ORDER BY position",
            [tableID]
        )
    }

    /// Loads a table the caller may read; "not found" otherwise, so that other units' tables
    /// are not revealed.
    static func loadReadable(_ conn: Connection, _ caller: Caller, id: Int64, lock: String = "") throws -> Rows.TableRow {
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
    static func loadEditable(_ conn: Connection, _ caller: Caller, id: Int64, lock: String) throws -> Rows.TableRow {
        let loaded = try self.loadReadable(conn, caller, id: id, lock: lock)
        if let refusal = Permissions.canEditContent(table: loaded.table, actor: caller.actor).refusal {
            throw ServiceError(refusal)
        }
        return loaded
    }
}
