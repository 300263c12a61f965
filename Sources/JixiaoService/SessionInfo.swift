import Foundation
import JixiaoCore

/// A signed-in session as its user sees it in "my sessions" (never its secret id).
public struct SessionInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The absolute limit; the session ends earlier when idle too long.
    public var expiresAt: Date
    public var userAgent: String
    public var address: String
    /// True for the session the request came with.
    public var current: Bool

    enum CodingKeys: String, CodingKey {
        case id, address, current
        case createdAt = "created_at"
        case lastSeenAt = "last_seen_at"
        case expiresAt = "expires_at"
        case userAgent = "user_agent"
    }
}

/// Who is signing in from where: kept with the session for the user's own list, and the address
/// counts failed sign-ins.
public struct SignInClient: Sendable, Hashable {
    /// The client's address (IP), or "" when unknown (the CLI).
    public var address: String
    /// The `User-Agent`, cut to 256 characters.
    public var userAgent: String

    public init(address: String, userAgent: String) {
        self.address = String(address.prefix(64))
        self.userAgent = String(userAgent.prefix(256))
    }
}

/// A new session: its secret id (to hand to the client once, e.g. as a cookie), its facts, and
/// the user.
public struct NewSession: Sendable {
    /// The session id, shown only now; only its SHA-256 is stored.
    public var secret: String
    public var info: SessionInfo
    public var user: User
    /// An admin reset the password: until it is changed, the session can do nothing else.
    public var passwordChangeRequired: Bool
    /// The admin requires a second factor for this user and none is set up: until one is
    /// enrolled, the session can do nothing else.
    public var secondFactorEnrolmentRequired: Bool
}
