import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao export TABLE…`: indicators as CSV for Excel.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the indicators of tables as CSV for Excel (UTF-8 with BOM).",
        discussion: """
            One row per indicator with its table's key columns. Edit the cells in Excel, save as \
            CSV (UTF-8), and read the file back with `jixiao import FILE.csv --reason …`: changed \
            rows become audited, version-checked edits, rows with an empty indicator_id are added, \
            unchanged rows change nothing. Keep the indicator_version column as exported.

            EXAMPLE
              jixiao export 3 4 -o targets.csv --as kang
              jixiao import targets.csv --reason "按财政意见修改" --as kang
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Table ids.")
    var tables: [Int64] = []

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if self.tables.isEmpty { throw ValidationError("name at least one table id") }
    }

    func run() async throws {
        let csv = try await Session.withCaller(self.global) { service, caller in
            try await service.exportCSV(caller, tableIDs: self.tables)
        }
        guard let output = self.output else { return Output.block(csv) }
        do {
            try Data(csv.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw CLIError.usage("cannot write \(output)")
        }
        Output.error("wrote \(output)")
    }
}
