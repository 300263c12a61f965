import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao import FILE`: the target tables of a document in the source text format.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the target tables of a document (text pasted or exported from the Word/Excel/PDF forms).",
        discussion: """
            Every table becomes a draft of its unit, audited like any other change; the findings \
            catalogue runs on each. Importing the same file again changes nothing and says so. \
            --dry-run reads and checks the file and touches nothing (it needs neither a database \
            nor --as, and answers the same with or without them); with --json it prints the \
            parsed tables, their indicators (with source line numbers) and findings. \
            --create-units (admin) creates the units the document names, each under its \
            supervising department. The whole import is one transaction: on any error nothing \
            is kept.

            A file ending in .csv (or --csv) is read as indicator edits exported by \
            `jixiao export`; --reason is then required.

            EXAMPLES
              jixiao import targets-2025.txt --dry-run --json
              jixiao import targets-2025.txt --create-units --as admin
              jixiao import targets.csv --reason "按财政意见修改" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The document (UTF-8 text, tab-separated cells), or - for standard input.")
    var file: String

    @Flag(help: "Create the units the document names when they do not exist (admin).")
    var createUnits = false

    @Flag(help: "Check and report only; write nothing.")
    var dryRun = false

    @Flag(help: "Read the file as CSV edits (implied by a .csv name).")
    var csv = false

    @Option(help: "Why, for the audit trail (required for CSV edits).")
    var reason: String?

    func run() async throws {
        let text = try Self.readText(self.file)
        let source = self.file == "-" ? "standard input" : URL(fileURLWithPath: self.file).lastPathComponent
        if self.csv || self.file.lowercased().hasSuffix(".csv") { return try await self.importCSV(text) }
        if self.dryRun {
            // A dry run checks the document by Core's rules only: no database, no acting user,
            // so it answers the same with and without --as (HTTP ?dry_run=true also compares
            // against the tables already there).
            let document = SeedParser.parse(text)
            if let refusal = ImportReadiness.refusal(document, source: source) { throw CLIError.invalid(refusal.message) }
            if self.global.json { return Output.line(try document.report.json()) }
            return self.printParsed(document.tables.map { ($0, "would-create", nil) }, createdUnits: [], dryRun: true, changed: false, source: source)
        }
        let outcome = try await Session.withCaller(self.global) { service, caller in
            try await service.importDocument(caller, text: text, source: source, createUnits: self.createUnits, dryRun: self.dryRun)
        }
        if self.global.json {
            return try Output.json(ImportSummary(outcome))
        }
        self.printParsed(
            outcome.tables.map { ($0.parsed, $0.action.rawValue, $0.tableID) },
            createdUnits: outcome.createdUnits,
            dryRun: outcome.dryRun,
            changed: outcome.changedSomething,
            source: source
        )
    }

    /// Applies CSV edits through the service (one transaction, version-checked).
    private func importCSV(_ text: String) async throws {
        guard let reason = self.reason else {
            throw CLIError.usage("CSV edits need --reason (recorded in the audit trail)")
        }
        guard !self.dryRun else { throw CLIError.usage("--dry-run is for documents; CSV edits are checked as they are applied, all or nothing") }
        let outcome = try await Session.withCaller(self.global) { service, caller in
            try await service.importCSV(caller, text: text, reason: reason)
        }
        if self.global.json {
            return try Output.json(CSVImportSummary(outcome))
        }
        for (line, indicator) in outcome.changed {
            Output.line("line \(line): changed indicator \(indicator.id) \(indicator.displayName) (version \(indicator.version))")
        }
        for (line, indicator) in outcome.added { Output.line("line \(line): added indicator \(indicator.id) \(indicator.displayName)") }
        Output.line("\(outcome.changed.count) changed, \(outcome.added.count) added, \(outcome.unchanged) unchanged")
    }

    /// Human output: one line per table, its findings indented, then what changed.
    private func printParsed(_ tables: [(ParsedTable, String, Int64?)], createdUnits: [String], dryRun: Bool, changed: Bool, source: String) {
        for (parsed, action, tableID) in tables {
            let findings = parsed.findings
            let errors = findings.filter { $0.severity == .error }.count
            let id = tableID.map { "table \($0)" } ?? "new table"
            Output.line(
                "\(action): \(id) 「\(parsed.title)」 line \(parsed.sourceLine), \(parsed.indicators.count) indicators, \(findings.count) findings (\(errors) errors)"
            )
            for finding in findings {
                Output.line("    \(finding.severity.rawValue) \(finding.code)\(finding.line.map { " line \($0)" } ?? ""): \(finding.message)")
            }
        }
        for unit in createdUnits { Output.line("\(dryRun ? "would create" : "created") unit \(unit)") }
        if dryRun {
            Output.line("dry run: nothing was written")
        } else if !changed {
            Output.line("nothing changed: every table of \(source) was imported before")
        }
    }

    /// Reads a UTF-8 text file, with errors that name the file.
    static func readText(_ path: String) throws -> String {
        let data: Data
        do {
            data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.usage("cannot read \(path): no such file or not readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError.invalid("\(path) is not UTF-8 text (save it as UTF-8; GBK files are not read)")
        }
        return text
    }
}
