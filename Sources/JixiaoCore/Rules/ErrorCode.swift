/// Every stable code an error answer can carry: the one list behind `ServiceError.code`, the
/// API's `error.code` and the CLI's messages, documented as the `ErrorCode` enum in
/// openapi.yaml (a test compares the two).
///
/// Codes are part of the contract: clients branch on them, messages may change. Finding codes
/// (`FindingCode`) and parse issue codes are separate lists: they describe a document, not an
/// answer.
public enum ErrorCode: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    // Input.
    /// A field that does not parse or breaks a rule of its own.
    case invalid = "invalid"
    /// A change, return or adjust without a non-blank reason (`ChangeReason`).
    case reasonRequired = "reason-required"
    /// A text longer than its limit (`InputLimits`): the trail keeps every byte forever.
    case tooLong = "too-long"
    /// More goals or indicators than a table or an import may hold (`InputLimits`).
    case tooMany = "too-many"
    /// A JSON object that names one key twice (which one wins is not guessed).
    case duplicateKey = "duplicate-key"
    /// An uploaded CSV that cannot be read.
    case csvInvalid = "csv-invalid"
    /// A document without a target table.
    case noTables = "no-tables"
    /// A document table without its unit.
    case missingUnit = "missing-unit"
    /// A document table without its fiscal year.
    case missingFiscalYear = "missing-fiscal-year"
    /// A document names a unit that does not exist (and the caller may not create it).
    case unknownUnit = "unknown-unit"

    // Rules.
    /// The actor's roles or unit do not give this access.
    case notPermitted = "not-permitted"
    /// Not possible in the table's current status.
    case wrongState = "wrong-state"
    /// The actor submitted the table or approved its earlier step (四眼原则).
    case fourEyes = "four-eyes"
    /// Submit while error-level findings exist.
    case hasErrors = "has-errors"
    /// An admin tried to disable their own account.
    case selfDisable = "self-disable"
    /// `db init` on a database that already has users.
    case alreadyInitialized = "already-initialized"
    /// A unit or user that exists already.
    case duplicate = "duplicate"
    /// An applied migration was edited afterwards.
    case migrationChanged = "migration-changed"
    /// `jixiao serve` was given a login with more power than the application role.
    case privilegedLogin = "privileged-login"
    /// The database refused a change that a rule should have refused first (a CHECK or guard).
    case refusedByDatabase = "refused-by-database"

    // Identity.
    /// No such thing, or the caller may not know that it exists.
    case notFound = "not-found"
    /// No user with that login.
    case unknownUser = "unknown-user"
    /// The user is disabled.
    case userDisabled = "user-disabled"
    /// The token is missing, unknown, expired or revoked.
    case invalidToken = "invalid-token"
    /// A route that needs a token got none.
    case missingToken = "missing-token"
    /// A request with both a bearer token and a session cookie (one credential per request).
    case ambiguousCredentials = "ambiguous-credentials"

    // Sign-in (DESIGN §1.9).
    /// A wrong login or password (the same answer for both, in the same time).
    case invalidCredentials = "invalid-credentials"
    /// The session cookie is unknown, ended or expired.
    case invalidSession = "invalid-session"
    /// Sign-out without a session.
    case noSession = "no-session"
    /// Too many failed sign-ins for the account or the address: wait (`Retry-After`).
    case tooManyAttempts = "too-many-attempts"
    /// The current password given for a change is wrong.
    case wrongPassword = "wrong-password"
    /// The new password is the current one.
    case passwordUnchanged = "password-unchanged"
    /// A new password shorter than the rule allows (`PasswordRules`).
    case passwordTooShort = "password-too-short"
    /// A new password longer than bcrypt reads (72 bytes).
    case passwordTooLong = "password-too-long"
    /// A new password that contains the login.
    case passwordContainsLogin = "password-contains-login"
    /// A new password on the list of trivial ones.
    case passwordTooCommon = "password-too-common"
    /// A new password with a control character.
    case passwordInvalidCharacter = "password-invalid-character"
    /// The password must be changed before anything else (after an admin's reset).
    case passwordChangeRequired = "password-change-required"
    /// A cookie-authenticated write from another site (no matching `Origin`).
    case crossSiteRequest = "cross-site-request"
    /// Sign-in needs the second factor's code.
    case secondFactorRequired = "second-factor-required"
    /// The second factor must be enrolled before anything else (required for the role).
    case secondFactorEnrolmentRequired = "second-factor-enrolment-required"
    /// A wrong or already used one-time code.
    case invalidCode = "invalid-code"
    /// The second factor is enrolled already.
    case secondFactorEnrolled = "second-factor-enrolled"
    /// No second factor is enrolled.
    case secondFactorNotEnrolled = "second-factor-not-enrolled"

    // Concurrency.
    /// Written against a stale version; the answer carries the current state.
    case versionConflict = "version-conflict"
    /// `If-Match` with a weak validator (`W/"3"`): versions compare strongly.
    case ifMatchWeak = "if-match-weak"
    /// A write without `If-Match`.
    case ifMatchRequired = "if-match-required"
    /// The connection broke during COMMIT: the change may or may not have happened.
    case commitUnknown = "commit-unknown"

    // The database.
    /// PostgreSQL cannot be reached right now.
    case databaseUnavailable = "database-unavailable"
    /// An unexpected database error (a defect; the answer names no SQL).
    case databaseError = "database-error"
    /// The database took too long to answer (statement timeout).
    case timeout = "timeout"
    /// A stored row that the code cannot read (a defect).
    case badRow = "bad-row"

    // HTTP.
    /// Malformed JSON, a bad query or path parameter.
    case badRequest = "bad-request"
    /// The request line or headers exceed what the server reads.
    case requestTooLarge = "request-too-large"
    /// The body exceeds the route's limit.
    case bodyTooLarge = "body-too-large"
    /// The body's media type is not one the route reads.
    case unsupportedMediaType = "unsupported-media-type"
    /// The path exists, the method does not.
    case methodNotAllowed = "method-not-allowed"
    /// No such path.
    case noRoute = "no-route"
    /// Any other HTTP-level refusal (the status says which).
    case httpError = "http-error"
    /// The request was cancelled (the client went away or the server is stopping).
    case cancelled = "cancelled"
    /// An unexpected error, logged on the server.
    case internalError = "internal-error"

    /// The code as clients see it, e.g. `four-eyes`.
    public var description: String { self.rawValue }
}

extension PermissionRefusal.Code {
    /// The same code in the one list of error codes.
    public var errorCode: ErrorCode {
        switch self {
        case .notPermitted: .notPermitted
        case .wrongState: .wrongState
        case .selfDisable: .selfDisable
        }
    }
}

extension PasswordRefusal.Code {
    /// The same code in the one list of error codes.
    public var errorCode: ErrorCode {
        switch self {
        case .tooShort: .passwordTooShort
        case .tooLong: .passwordTooLong
        case .containsLogin: .passwordContainsLogin
        case .tooCommon: .passwordTooCommon
        case .invalidCharacter: .passwordInvalidCharacter
        }
    }
}

extension WorkflowRefusal.Code {
    /// The same code in the one list of error codes.
    public var errorCode: ErrorCode {
        switch self {
        case .wrongState: .wrongState
        case .notPermitted: .notPermitted
        case .fourEyes: .fourEyes
        case .reasonRequired: .reasonRequired
        case .hasErrors: .hasErrors
        }
    }
}
