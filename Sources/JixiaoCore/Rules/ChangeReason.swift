/// 修改理由: why a change is made, kept in the audit trail next to the change.
///
/// Every content change (an indicator added, changed, moved or removed; header, goals, a CSV
/// edit), every `return` and every `adjust` needs a reason that is not blank. The service
/// applies this rule for every front end (CLI, HTTP, web pages); the HTTP layer only names the
/// field. White space is counted as `TextNormalization.trimmed` counts it (full-width spaces
/// included), so `" "` and `"\u{3000}"` are blank.
public enum ChangeReason {
    /// The reason, trimmed, when it is not blank; otherwise why it is refused. `action` names
    /// what needs the reason, for the message (e.g. "changing an indicator").
    public static func required(_ reason: String?, for action: String) -> Result<String, MissingReason> {
        let trimmed = reason.map(TextNormalization.trimmed) ?? ""
        guard !trimmed.isEmpty else {
            return .failure(MissingReason("\(action) needs a non-blank reason saying why (it is kept in the audit trail)"))
        }
        return .success(trimmed)
    }

    /// The reason, trimmed, or nil when absent or blank (for actions where it is optional).
    public static func optional(_ reason: String?) -> String? {
        reason.map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A change, return or adjust without a non-blank reason (stable code `reason-required`).
public struct MissingReason: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stable code of this refusal (part of the API).
    public static let code = ErrorCode.reasonRequired
    /// What needs a reason, and that it is kept in the audit trail.
    public var message: String

    /// A refusal with its message.
    public init(_ message: String) { self.message = message }

    /// `reason-required: message`
    public var description: String { "\(Self.code): \(self.message)" }
}
