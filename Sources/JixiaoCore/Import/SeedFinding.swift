/// What the import reports about one parsed table: a parse issue (the text could not be read
/// as stated) or a validation finding (DESIGN §1.6, the content does not add up).
public enum SeedFinding: Sendable, Hashable, CustomStringConvertible {
    /// From the parser (`ParseIssue.Code`).
    case parse(ParseIssue)
    /// From `Validator.findings(for:)` (`FindingCode`).
    case rule(Finding)

    /// The stable code: a `ParseIssue.Code` or a `FindingCode` raw value (the two sets do not overlap).
    public var code: String {
        switch self {
        case .parse(let issue): return issue.code.rawValue
        case .rule(let finding): return finding.code.rawValue
        }
    }

    /// `error` or `warning`.
    public var severity: Severity {
        switch self {
        case .parse(let issue): return issue.severity
        case .rule(let finding): return finding.severity
        }
    }

    /// English, naming the cell or indicator concerned.
    public var message: String {
        switch self {
        case .parse(let issue): return issue.message
        case .rule(let finding): return finding.message
        }
    }

    /// The 1-based source line, when the finding is about one line.
    public var line: Int? {
        switch self {
        case .parse(let issue): return issue.line
        case .rule(let finding): return finding.line
        }
    }

    /// The validation finding, if this is one.
    public var finding: Finding? {
        if case .rule(let finding) = self { return finding }
        return nil
    }

    /// The parse issue, if this is one.
    public var parseIssue: ParseIssue? {
        if case .parse(let issue) = self { return issue }
        return nil
    }

    /// `line N: code (severity): message`
    public var description: String {
        let place = self.line.map { "line \($0): " } ?? ""
        return "\(place)\(self.code) (\(self.severity.rawValue)): \(self.message)"
    }
}
