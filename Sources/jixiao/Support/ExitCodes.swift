import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoService

/// The documented exit codes of `jixiao` (also listed in `jixiao --help`).
enum ExitCodes {
    /// Done.
    static let ok: Int32 = 0
    /// Refused by a rule or validation (workflow state, four eyes, findings, bad value).
    static let refused: Int32 = 1
    /// Usage: an unknown option, a missing argument, a value that does not parse.
    static let usage: Int32 = 2
    /// Version conflict: someone changed the row since you read it.
    static let conflict: Int32 = 3
    /// Not found or not permitted (unknown login, no such table, missing role).
    static let notFound: Int32 = 4
    /// The database cannot be reached.
    static let unavailable: Int32 = 5

    /// The text of the root command's help that documents the codes.
    static let documentation = """
        EXIT CODES
          0  ok
          1  refused by a rule or validation: workflow state, four eyes,
             findings with errors, an invalid value, a broken audit chain
          2  usage: unknown option, missing argument, a value that does not parse
          3  version conflict: changed by someone else since you read it
          4  not found or not permitted: unknown login, no such table, a role
             you lack
          5  database unreachable
        """

    /// The exit code for a service error.
    static func code(for kind: ServiceError.Kind) -> Int32 {
        switch kind {
        case .invalid, .refused, .throttled, .internal: return self.refused
        case .conflict: return self.conflict
        case .notFound, .forbidden, .unauthenticated: return self.notFound
        case .unavailable: return self.unavailable
        }
    }

    /// Maps any error to what the user reads on stderr and the exit code: the one place where
    /// errors become exit codes. `nil` means "not ours": ArgumentParser reports it.
    static func report(for error: any Error) -> (message: String, details: [String], code: Int32)? {
        switch error {
        case let error as CLIError:
            return (error.message, [], error.code)
        case let error as ServiceError:
            var details = error.findings.map(Self.describe)
            if case .indicator(let current)? = error.current {
                details.append("current: version \(current.version), value \(current.value)\(current.unitOfMeasure)")
            }
            return (error.message, details, self.code(for: error.kind))
        case let error as DatabaseError:
            return self.reportDatabase(error)
        case let error as RoleParseError:
            return (error.description, [], self.usage)
        default:
            return nil
        }
    }

    /// Errors of direct connections (`db` commands, which connect as the owner).
    static func reportDatabase(_ error: DatabaseError) -> (message: String, details: [String], code: Int32) {
        if error.isUnreachable {
            return ("cannot reach the database: \(Self.firstLine(error.message))", [], self.unavailable)
        }
        if error.isInsufficientPrivilege {
            return ("the database refused: \(error.message) (connect as the owner of the schema)", [], self.notFound)
        }
        var message = "the database reported an error: \(error.message)"
        if let sqlState = error.sqlState { message += " (SQLSTATE \(sqlState))" }
        return (message, [error.detail, error.hint].compactMap { $0 }, self.refused)
    }

    /// One finding as a line of detail.
    static func describe(_ finding: Finding) -> String {
        var where_ = ""
        if let position = finding.indicatorPosition { where_ += " indicator #\(position)" }
        if let id = finding.indicatorID { where_ += " (id \(id))" }
        if let line = finding.line { where_ += " line \(line)" }
        return "\(finding.severity.rawValue) \(finding.code.rawValue)\(where_): \(finding.message)"
    }

    private static func firstLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return line.trimmingCharacters(in: .whitespaces)
    }
}

/// An error the CLI itself raises (a file it cannot read, a missing `--as`), with its exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32

    /// A usage error (exit 2).
    static func usage(_ message: String) -> CLIError { CLIError(message: message, code: ExitCodes.usage) }
    /// Input that is not valid (exit 1).
    static func invalid(_ message: String) -> CLIError { CLIError(message: message, code: ExitCodes.refused) }

    var description: String { self.message }
}
