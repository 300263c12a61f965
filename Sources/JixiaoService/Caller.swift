import JixiaoCore

/// The authenticated user on whose behalf an operation runs: recorded as the actor in the
/// audit trail, and checked against the permission rules of `JixiaoCore`.
public struct Caller: Sendable, Hashable {
    public var user: User
    /// The session the request came with (its row id); nil for bearer tokens and the CLI.
    public var sessionID: Int64?
    /// True when an admin reset the password: such a session may only change it (or sign out).
    public var passwordChangeRequired: Bool
    /// True when the admin requires a second factor for the user's roles and none is set up:
    /// such a session may only enrol one (or change the password, sign out).
    public var secondFactorEnrolmentRequired: Bool

    public init(user: User, sessionID: Int64? = nil, passwordChangeRequired: Bool = false, secondFactorEnrolmentRequired: Bool = false) {
        self.user = user
        self.sessionID = sessionID
        self.passwordChangeRequired = passwordChangeRequired
        self.secondFactorEnrolmentRequired = secondFactorEnrolmentRequired
    }

    /// True when the session may only finish setting up its sign-in (password, second factor).
    public var isRestricted: Bool { self.passwordChangeRequired || self.secondFactorEnrolmentRequired }

    public var login: String { self.user.login }
    public var actor: WorkflowActor { WorkflowActor(user: self.user) }
    public func has(_ role: Role) -> Bool { self.user.roles.contains(role) }
}
