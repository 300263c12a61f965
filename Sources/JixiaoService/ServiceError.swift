import JixiaoCore

/// Why a service operation did not happen. Every caller (CLI, HTTP) maps these to its own
/// codes: `kind` decides the exit code / HTTP status, `code` is a stable machine-readable
/// name, `message` one clear sentence naming what is wrong.
public struct ServiceError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Bad input: a field that does not parse, a missing reason (CLI 1 / HTTP 400 or 422).
        case invalid
        /// A rule refuses it: workflow state, four eyes, findings with errors (CLI 1 / HTTP 409 or 422).
        case refused
        /// The caller is not who they claim or has no valid token (HTTP 401).
        case unauthenticated
        /// The caller's roles do not allow it (CLI 4 / HTTP 403).
        case forbidden
        /// No such thing, or the caller may not know it exists (CLI 4 / HTTP 404).
        case notFound
        /// Written against a stale version (CLI 3 / HTTP 409 with `current`).
        case conflict
        /// Too many failed sign-ins: wait `retryAfterSeconds` (CLI 1 / HTTP 429 with `Retry-After`).
        case throttled
        /// PostgreSQL cannot be reached (CLI 5 / HTTP 503).
        case unavailable
        /// An unexpected database error: a defect, reported without SQL (HTTP 500).
        case `internal`
    }

    public var kind: Kind
    /// Stable code, e.g. `version-conflict`, `four-eyes`, `has-errors`, `not-found`.
    public var code: ErrorCode
    public var message: String
    /// Findings that caused a refusal (submit with errors, validation of input).
    public var findings: [Finding]
    /// The current state of the thing a stale write tried to change (JSON-encodable).
    public var current: CurrentState?
    /// The underlying database error, for logs only (never shown to API clients).
    public var underlying: String?
    /// For `.throttled`: whole seconds until the next attempt is heard.
    public var retryAfterSeconds: Int64?

    public init(_ kind: Kind, _ code: ErrorCode, _ message: String, findings: [Finding] = [], current: CurrentState? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.findings = findings
        self.current = current
    }

    public var description: String {
        self.underlying.map { "\(self.message) [\($0)]" } ?? self.message
    }

    /// The current representation returned with a version conflict.
    public enum CurrentState: Sendable {
        case table(TargetTable)
        case indicator(Indicator)
    }

    static func notFound(_ what: String) -> ServiceError {
        ServiceError(.notFound, .notFound, "\(what) does not exist or is not visible to you")
    }

    static func invalid(_ message: String, code: ErrorCode = .invalid) -> ServiceError {
        ServiceError(.invalid, code, message)
    }

    static func forbidden(_ message: String) -> ServiceError {
        ServiceError(.forbidden, .notPermitted, message)
    }

    /// Throws the refusal of a `Permissions` decision.
    static func check(_ decision: PermissionDecision) throws {
        if let refusal = decision.refusal { throw ServiceError(refusal) }
    }

    /// The trimmed reason, or a `reason-required` error (`ChangeReason`'s rule), or `too-long`.
    static func requireReason(_ reason: String?, for action: String) throws -> String {
        switch ChangeReason.required(reason, for: action) {
        case .success(let reason):
            try InputLimitChecks.reason(reason)
            return reason
        case .failure(let missing): throw ServiceError(missing)
        }
    }
}

extension ServiceError {
    init(_ refusal: WorkflowRefusal) {
        let kind: Kind = refusal.code == .notPermitted ? .forbidden : (refusal.code == .reasonRequired ? .invalid : .refused)
        self.init(kind, refusal.code.errorCode, refusal.message)
    }

    init(_ missing: MissingReason) {
        self.init(.invalid, MissingReason.code, missing.message)
    }

    init(_ refusal: PasswordRefusal) {
        self.init(.invalid, refusal.code.errorCode, refusal.message)
    }

    init(_ refusal: PermissionRefusal) {
        self.init(refusal.code == .notPermitted ? .forbidden : .refused, refusal.code.errorCode, refusal.message)
    }
}
