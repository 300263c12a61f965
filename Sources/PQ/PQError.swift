import CLibPQ

/// The one error type of PQ: a server error with its SQLSTATE and fields, a lost or refused
/// connection, a value that does not decode, a pool that cannot hand out a connection.
///
/// `description` never contains parameter values or connection passwords.
///
/// ```swift
/// do { try conn.execute("INSERT INTO unit(code) VALUES ($1)", ["A"]) }
/// catch let error as PQError where error.isUniqueViolation { print(error.constraint ?? "") }
/// ```
public struct PQError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, broadly.
    public enum Kind: String, Sendable {
        /// The server answered with an error (see `sqlState`).
        case server
        /// Could not connect, or the connection broke.
        case connection
        /// A column value could not be decoded into the requested Swift type.
        case decoding
        /// The API was used wrongly (e.g. a column that does not exist).
        case usage
        /// No pooled connection became free within the acquisition timeout.
        case poolTimeout
        /// Too many tasks are already waiting for a pooled connection.
        case poolExhausted
        /// The pool is shut down.
        case poolClosed
        /// The work was cancelled (task cancellation, `PQcancel`).
        case cancelled
    }

    public var kind: Kind
    /// Five-character SQLSTATE, e.g. `23505`.
    public var sqlState: String?
    /// Primary message (the server's, or ours).
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Name of the violated constraint, when the server names one.
    public var constraint: String?
    public var table: String?
    public var column: String?
    public var severity: String?
    /// The connection was lost after COMMIT was sent: the transaction may or may not have
    /// committed. Never retried; the caller must check before repeating the work.
    public var commitOutcomeUnknown = false

    public init(
        kind: Kind,
        message: String,
        sqlState: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil,
        severity: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
        self.severity = severity
    }

    /// `23505` unique_violation.
    public var isUniqueViolation: Bool { self.sqlState == "23505" }
    /// `23503` foreign_key_violation.
    public var isForeignKeyViolation: Bool { self.sqlState == "23503" }
    /// `23514` check_violation.
    public var isCheckViolation: Bool { self.sqlState == "23514" }
    /// `40001` serialization_failure.
    public var isSerializationFailure: Bool { self.sqlState == "40001" }
    /// `40P01` deadlock_detected.
    public var isDeadlock: Bool { self.sqlState == "40P01" }
    /// `42501` insufficient_privilege.
    public var isInsufficientPrivilege: Bool { self.sqlState == "42501" }
    /// `57014` query_canceled (by `PQcancel` or `statement_timeout`).
    public var isQueryCanceled: Bool { self.sqlState == "57014" }
    /// The connection is gone (or never came): class 08, admin shutdown, crash recovery.
    public var isConnectionLost: Bool {
        if self.kind == .connection { return true }
        guard let state = self.sqlState else { return false }
        return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
    }
    /// Retrying the whole transaction may succeed (serialization failure or deadlock).
    public var isTransient: Bool { self.isSerializationFailure || self.isDeadlock }

    public var description: String {
        var text = "\(self.kind.rawValue) error"
        if let state = self.sqlState { text += " \(state)" }
        text += ": \(self.message)"
        if let detail = self.detail { text += " (detail: \(detail))" }
        if let hint = self.hint { text += " (hint: \(hint))" }
        return text
    }
}

extension PQError {
    /// Builds an error from a failed result's fields.
    static func from(result: OpaquePointer?, connection: OpaquePointer?) -> PQError {
        func field(_ code: Int32) -> String? {
            guard let result, let pointer = PQresultErrorField(result, code) else { return nil }
            return String(cString: pointer)
        }
        let state = field(CLIBPQ_DIAG_SQLSTATE)
        var message = field(CLIBPQ_DIAG_MESSAGE_PRIMARY)
        if message == nil, let result, let raw = PQresultErrorMessage(result) {
            message = String(cString: raw)
        }
        if (message ?? "").isEmpty, let connection {
            message = String(cString: PQerrorMessage(connection))
        }
        let lost = connection.map { PQstatus($0) != CONNECTION_OK } ?? true
        let kind: Kind = (state == nil && lost) ? .connection : .server
        return PQError(
            kind: kind,
            message: (message ?? "unknown error").trimmingTrailingNewlines(),
            sqlState: state,
            detail: field(CLIBPQ_DIAG_MESSAGE_DETAIL),
            hint: field(CLIBPQ_DIAG_MESSAGE_HINT),
            constraint: field(CLIBPQ_DIAG_CONSTRAINT_NAME),
            table: field(CLIBPQ_DIAG_TABLE_NAME),
            column: field(CLIBPQ_DIAG_COLUMN_NAME),
            severity: field(CLIBPQ_DIAG_SEVERITY_NONLOCALIZED)
        )
    }

    /// A connection-level error from `PQerrorMessage`.
    static func connection(_ connection: OpaquePointer?, _ prefix: String) -> PQError {
        let text = connection.map { String(cString: PQerrorMessage($0)) } ?? ""
        let message = text.isEmpty ? prefix : "\(prefix): \(text.trimmingTrailingNewlines())"
        return PQError(kind: .connection, message: message, sqlState: "08006")
    }

    static func usage(_ message: String) -> PQError { PQError(kind: .usage, message: message) }

    static let cancelled = PQError(kind: .cancelled, message: "the operation was cancelled", sqlState: "57014")
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" || last == " " { text = text.dropLast() }
        return String(text)
    }
}
