/// The answer of a `Permissions` check: allowed, or refused with the reason.
public enum PermissionDecision: Sendable, Hashable {
    /// The access is allowed.
    case allowed
    /// The access is refused, with the reason.
    case refused(PermissionRefusal)

    /// True when allowed.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }

    /// The refusal, or nil when allowed.
    public var refusal: PermissionRefusal? {
        if case .refused(let refusal) = self { return refusal }
        return nil
    }
}

/// Why an access was refused: a stable code and a message for people.
public struct PermissionRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes (part of the API).
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The actor's roles or unit do not give this access (HTTP 403).
        case notPermitted = "not-permitted"
        /// The access is possible in principle, but not in the table's status (HTTP 409).
        case wrongState = "wrong-state"
        /// An admin tried to disable their own account (HTTP 409).
        case selfDisable = "self-disable"
    }

    /// What kind of refusal (maps to the HTTP status).
    public var code: Code
    /// Why, in English, naming the role, unit or status concerned.
    public var message: String

    /// A refusal with its code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`
    public var description: String { "\(self.code.rawValue): \(self.message)" }
}
