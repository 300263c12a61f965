import ArgumentParser
import Foundation

@testable import jixiao

/// The `jixiao` command line run inside the test process: parsing, validation and help need no
/// process of their own (only end-to-end cases spawn the binary, through `CLIRunner`).
enum InProcessCLI {
    /// What `jixiao arguments…` would end with, without printing anything.
    struct Outcome: CustomStringConvertible {
        /// The exit code the binary would return.
        var code: Int32
        /// What it would print for a failure (stderr) or for help and version (stdout).
        var message: String
        /// The parsed subcommand, when the line parsed.
        var command: (any ParsableCommand)?

        var description: String { "exit \(self.code): \(self.message)" }

        /// The subcommand's path, e.g. `["table", "show"]`; empty for the root or none.
        var path: [String] { self.command.map { InProcessCLI.path(of: type(of: $0)) } ?? [] }
    }

    /// Parses (and validates) `arguments`.
    static func parse(_ arguments: [String]) -> Outcome {
        do {
            return Outcome(code: ExitCodes.ok, message: "", command: try Jixiao.parseAsRoot(arguments))
        } catch {
            return self.outcome(of: error)
        }
    }

    /// Parses and runs `arguments`: only for lines that end before any database work (help,
    /// `--version`, usage errors that `run()` finds). Help is a command of its own that the
    /// parser returns, so it needs running too.
    static func execute(_ arguments: [String]) async -> Outcome {
        let parsed = self.parse(arguments)
        guard var command = parsed.command else { return parsed }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
            return parsed
        } catch {
            return self.outcome(of: error)
        }
    }

    /// The exit code and text `Jixiao.handle` gives `error` (the same mapping, without printing).
    static func outcome(of error: any Error) -> Outcome {
        if let report = ExitCodes.report(for: error) {
            let lines = ["jixiao: error: \(report.message)"] + report.details.map { "  \($0)" }
            return Outcome(code: report.code, message: lines.joined(separator: "\n"))
        }
        if let exitCode = error as? ExitCode { return Outcome(code: exitCode.rawValue, message: "") }
        let code = Jixiao.exitCode(for: error)
        let mapped = code.isSuccess ? ExitCodes.ok : code == .validationFailure ? ExitCodes.usage : code.rawValue
        return Outcome(code: mapped, message: Jixiao.fullMessage(for: error))
    }

    /// The help text of the subcommand at `path` (the root's for `[]`), unwrapped.
    static func help(_ path: [String]) throws -> String {
        guard let command = self.commands.first(where: { $0.path == path })?.type else {
            throw TestSupportError("no command \(path.joined(separator: " "))")
        }
        return Jixiao.helpMessage(for: command, columns: 1000)
    }

    /// Every command of the tree with its path, the root first.
    static let commands: [(path: [String], type: any ParsableCommand.Type)] = {
        func walk(_ type: any ParsableCommand.Type, _ path: [String]) -> [(path: [String], type: any ParsableCommand.Type)] {
            [(path, type)] + type.configuration.subcommands.flatMap { walk($0, path + [$0._commandName]) }
        }
        return walk(Jixiao.self, [])
    }()

    /// The commands that run something (no subcommands of their own).
    static var leaves: [(path: [String], type: any ParsableCommand.Type)] {
        self.commands.filter { $0.type.configuration.subcommands.isEmpty }
    }

    /// The path of a command type in the tree.
    static func path(of type: any ParsableCommand.Type) -> [String] {
        self.commands.first { ObjectIdentifier($0.type) == ObjectIdentifier(type) }?.path ?? []
    }

    /// The words of one shell command line: quotes and backslash continuations are honoured;
    /// the line ends at a comment, a pipe or a redirection.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for character in line.replacingOccurrences(of: "\\\n", with: " ") {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(current) }
                current = ""
                inWord = false
            case "#", "|", "<", ">":
                guard inWord else { return words }
                current.append(character)
            default:
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
