import Foundation
import Testing

/// The help texts say what README.md promises, and every example they and README give is a
/// line the parser accepts (in-process).
@Suite("CLI: help texts and README (in-process)")
struct HelpTextTests {
    static let readme: String = (try? String(contentsOf: ProjectPath.root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The `jixiao …` lines of README's code blocks, and its inline code that gives options
    /// (a bare `jixiao history` in prose names a command, it is not a line to run).
    static var readmeCommandLines: [String] {
        var lines: [String] = []
        var inBlock = false
        for line in self.readme.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                inBlock.toggle()
            } else if inBlock, line.hasPrefix("jixiao ") {
                lines.append(line)
            }
        }
        let inline = self.readme.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        return lines + inline.filter { $0.hasPrefix("jixiao ") && !$0.contains("\n") && ($0.contains(" --") || $0.contains(" -o ")) }
    }

    /// The `jixiao …` lines of every command's EXAMPLE section.
    static var exampleLines: [(command: [String], line: String)] {
        InProcessCLI.commands.flatMap { command in
            let discussion = command.type.configuration.discussion
            return discussion.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("jixiao ") }.map { (command.path, $0) }
        }
    }

    /// The words after `jixiao`, with README's placeholders (`LOGIN`, `FILE`, `…`) filled in.
    static func arguments(_ line: String) -> [String] {
        let placeholders = ["LOGIN": "kang", "FILE": "targets.txt", "…": "理由"]
        return InProcessCLI.words(line).dropFirst().map { placeholders[$0] ?? $0 }
    }

    @Test("every jixiao line of README parses")
    func readmeLinesParse() {
        let lines = Self.readmeCommandLines
        #expect(lines.count >= 15, "README's command lines were not found")
        for line in lines {
            let outcome = InProcessCLI.parse(Self.arguments(line))
            #expect(outcome.code == 0, "\(line): \(outcome)")
            #expect(!outcome.path.isEmpty, "\(line) names no subcommand")
        }
    }

    @Test("every EXAMPLE line of the help texts parses")
    func exampleLinesParse() {
        let examples = Self.exampleLines
        #expect(examples.count >= 20)
        for (command, line) in examples {
            let outcome = InProcessCLI.parse(Self.arguments(line))
            #expect(outcome.code == 0, "\(command.joined(separator: " ")): \(line): \(outcome)")
        }
    }

    @Test("the root help lists the commands of README and DESIGN, and the exit codes of README's table")
    func rootHelp() throws {
        let help = try InProcessCLI.help([])
        for command in [
            "db", "unit", "user", "token", "table", "indicator", "submit", "approve", "return", "withdraw", "adjust", "history", "audit",
            "import", "export", "serve",
        ] {
            #expect(help.contains("\n  \(command) "), "jixiao --help does not list \(command)")
        }
        // README: | code | meaning |, e.g. | 3 | version conflict: changed by … |
        let rows = Self.readme.components(separatedBy: "\n").filter { $0.range(of: #"^\| [0-9] \| "#, options: .regularExpression) != nil }
        #expect(rows.count == 6, "README's exit code table was not found")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let meaning = cells[1].prefix { $0 != ":" && $0 != "(" }.trimmingCharacters(in: .whitespaces)
            #expect(help.contains("\(cells[0])  \(meaning)"), "jixiao --help lacks exit code \(cells[0]) (\(meaning))")
        }
    }

    @Test("each option of README's configuration table is in the help of its command, with its variable")
    func configurationOptions() throws {
        // README: | `JIXIAO_PORT` | `serve --port` | `8080` | port |
        let rows = Self.readme.components(separatedBy: "\n").filter { $0.hasPrefix("| `JIXIAO_") }
        #expect(rows.count >= 8, "README's configuration table was not found")
        var checked = 0
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
            guard cells.count >= 2, cells[1].contains("--") else { continue }
            let words = cells[1].split(separator: " ").map(String.init)
            let path = Array(words.prefix { !$0.hasPrefix("--") })
            let help = try InProcessCLI.help(path.isEmpty ? ["unit", "list"] : path)
            #expect(help.contains(words.last!), "\(cells[1]) is not in its help")
            #expect(help.contains(cells[0]), "the help of \(cells[1]) does not name \(cells[0])")
            checked += 1
        }
        #expect(checked >= 6)
    }

    @Test("every command that runs something has help with an example")
    func everyLeafHasExample() throws {
        for leaf in InProcessCLI.leaves {
            let help = try InProcessCLI.help(leaf.path)
            #expect(help.contains("EXAMPLE"), "jixiao \(leaf.path.joined(separator: " ")) --help has no example")
        }
    }
}
