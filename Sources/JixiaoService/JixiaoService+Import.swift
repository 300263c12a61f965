import Foundation
import JixiaoCore
import PQ

/// What an import did (or, for a dry run, would do) with each table of a document.
public struct ImportOutcome: Sendable {
    /// One table of the document.
    public struct Table: Sendable {
        public enum Action: String, Sendable, Codable {
            /// Created as a draft of its unit.
            case created
            /// A table with this unit, year, kind, title and project name exists already: left as it is.
            case unchanged
            /// Dry run: would be created.
            case wouldCreate = "would-create"
        }
        public var parsed: ParsedTable
        public var action: Action
        /// The table's id (new or existing); nil in a dry run for a new table.
        public var tableID: Int64?
    }

    public var tables: [Table]
    /// Units created because of `createUnits` (or that would be, in a dry run).
    public var createdUnits: [String]
    public var dryRun: Bool
    /// The parsed document (its `report` is the JSON of `import --dry-run --json`).
    public var document: SeedDocument

    /// Whether the import changed anything.
    public var changedSomething: Bool { !self.dryRun && (self.tables.contains { $0.action == .created } || !self.createdUnits.isEmpty) }
}

extension JixiaoService {
    /// Imports a document in the source text format (the seed format): every table becomes a
    /// draft of its unit, through the same insert as `createTable`, so every row is audited.
    /// All of it is one transaction: a problem anywhere leaves the database as it was.
    ///
    /// Importing the same document again creates nothing (tables are matched by unit, fiscal
    /// year, kind, title and project name). With `createUnits` (admin) missing units are created, each under
    /// its supervising department. `dryRun` reads but writes nothing.
    public func importDocument(
        _ caller: Caller,
        text: String,
        source: String = "document",
        createUnits: Bool = false,
        dryRun: Bool = false
    ) async throws -> ImportOutcome {
        let document = SeedParser.parse(text)
        try ServiceError.check(Permissions.canImport(actor: caller.actor))
        if createUnits { try self.requireAdmin(caller) }
        if let refusal = ImportReadiness.refusal(document, source: source) {
            throw ServiceError.invalid(refusal.message, code: refusal.code)
        }
        // The source name goes into the trail as part of the reason.
        try InputLimitChecks.length(source, name: "the source name", limit: InputLimits.reason)
        let indicators = document.tables.reduce(0) { $0 + $1.indicators.count }
        try InputLimitChecks.count(indicators, items: "indicators in one import", limit: InputLimits.indicatorsPerImport)
        let body: @Sendable (Connection) throws -> ImportOutcome = { conn in
            var createdUnits: [String] = []
            var outcomes: [ImportOutcome.Table] = []
            for parsed in document.tables {
                let unitName = parsed.unitName!
                let supervisorName = parsed.supervisingUnitName ?? unitName
                for (name, parent) in [(supervisorName, nil as String?), (unitName, supervisorName == unitName ? nil : supervisorName)] {
                    if try conn.first(Statements.UnitExists(nameOrCode: name)) != nil { continue }
                    guard createUnits else {
                        throw ServiceError(
                            .notFound,
                            .unknownUnit,
                            "\(source) line \(parsed.sourceLine): unit 「\(name)」 does not exist; an admin can add it, or import with units created (CLI --create-units, HTTP ?create_units=true)"
                        )
                    }
                    if !dryRun {
                        try conn.run(Statements.InsertImportedUnit(name: name, parent: parent))
                    }
                    if !createdUnits.contains(name) { createdUnits.append(name) }
                }
                let existing = Statements.ImportedTable(
                    unit: unitName,
                    fiscalYear: parsed.fiscalYear!,
                    kind: parsed.kind,
                    title: parsed.title,
                    projectName: Self.projectName(parsed.header)
                )
                // Another unit's table that the caller may not read is treated as absent: the
                // import then refuses to create it, as it would if it did not exist, and its id
                // is not revealed (GET answers 404 for it too).
                if let found = try conn.first(existing),
                    let scope = found.scope, Permissions.canRead(scope: scope, actor: caller.actor).isAllowed
                {
                    outcomes.append(.init(parsed: parsed, action: .unchanged, tableID: found.id))
                    continue
                }
                if dryRun {
                    outcomes.append(.init(parsed: parsed, action: .wouldCreate, tableID: nil))
                    continue
                }
                let new = NewTable(
                    title: parsed.title,
                    fiscalYear: parsed.fiscalYear!,
                    unit: unitName,
                    header: parsed.header,
                    goals: parsed.goals,
                    indicators: parsed.indicators.map(IndicatorInput.init),
                    sourceLine: parsed.sourceLine
                )
                let id = try Self.insertTable(conn, caller, new)
                outcomes.append(.init(parsed: parsed, action: .created, tableID: id))
            }
            return ImportOutcome(tables: outcomes, createdUnits: createdUnits, dryRun: dryRun, document: document)
        }
        if dryRun { return try await self.database.read(body) }
        return try await self.database.write(actor: caller.login, reason: "imported from \(source)", body)
    }

    /// The name that tells tables of one unit and year apart besides their title.
    static func projectName(_ header: TableHeader) -> String {
        header.name ?? ""
    }
}
