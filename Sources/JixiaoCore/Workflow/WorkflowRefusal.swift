/// Why a workflow action was refused: a stable code for programs and a message for people.
public struct WorkflowRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable refusal codes (part of the API).
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// The action is not possible from the table's current status.
        case wrongState = "wrong-state"
        /// The actor lacks the role, or holds it in another unit, or is disabled.
        case notPermitted = "not-permitted"
        /// The actor submitted the table or changed its content in the current round
        /// (`WorkflowRound`), or approved its supervisor step (四眼原则).
        case fourEyes = "four-eyes"
        /// `return` or `adjust` without a non-blank reason.
        case reasonRequired = "reason-required"
        /// `submit` while error-level findings exist.
        case hasErrors = "has-errors"
    }

    /// The stable refusal code.
    public var code: Code
    /// Why, in English, naming the status or role concerned.
    public var message: String

    /// A refusal with its code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`
    public var description: String { "\(self.code.rawValue): \(self.message)" }
}
