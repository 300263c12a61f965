import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// `jixiao table create FILE`: a new draft table from a JSON file.
struct TableCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a draft table from a JSON file (a drafter of its unit, or an admin).",
        discussion: """
            The file has the shape of `jixiao table show --json`: title, fiscal_year, unit \
            (code or name), header (with its kind), goals and indicators (level1, level2, \
            level3, comparator, value, unit, content, remark). Amounts are strings. `-` reads \
            standard input.

            EXAMPLE
              jixiao table create table.json --as kang
            with table.json:
              {"title": "2024年奖补资金项目支出绩效目标表", "fiscal_year": 2025, "unit": "301002",
               "header": {"kind": "project", "project_name": "2024年奖补资金", "funds_total": "140",
                          "fiscal_funds": "140"},
               "goals": ["发放奖补资金，促进就业"],
               "indicators": [{"level1": "产出指标", "level2": "数量指标", "level3": "奖补人数",
                               "comparator": "≥", "value": "140", "unit": "人"}]}
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The JSON file, or - for standard input.")
    var file: String

    @Option(help: "Why, for the audit trail (default: created).")
    var reason: String?

    func run() async throws {
        let input = try Self.read(self.file)
        let new = NewTable(
            title: input.title,
            fiscalYear: input.fiscalYear,
            unit: input.unit,
            header: input.header,
            goals: input.goals,
            indicators: input.indicators.map { IndicatorInput($0.fields) }
        )
        let (table, units) = try await Session.withCaller(self.global) { service, caller in
            (try await service.createTable(caller, new, reason: self.reason), try await Session.unitNames(service, caller))
        }
        if self.global.json { return try Output.json(TableJSON(table, units: units)) }
        Output.line(
            "created table \(table.id) \(table.title) (\(table.kind.rawValue), \(table.fiscalYear), \(table.indicators.count) indicators, status \(table.status.rawValue))"
        )
    }

    /// Reads and decodes the file, with errors that name the file and the field.
    static func read(_ path: String) throws -> TableFile {
        let data: Data
        do {
            data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError.usage("cannot read \(path): no such file or not readable")
        }
        do {
            return try JSONDecoder().decode(TableFile.self, from: data)
        } catch let error as DecodingError {
            throw CLIError.invalid("\(path) is not a valid table file: \(Self.describe(error))")
        } catch {
            throw CLIError.invalid("\(path) is not valid JSON")
        }
    }

    /// A one-line description of a decoding error naming the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the document" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)) has the wrong type (\(context.debugDescription))"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
