import Foundation
import JixiaoCore
import PQ

/// An API token as listed (never the secret itself).
public struct TokenInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var login: String
    public var label: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, login, label
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
        case lastUsedAt = "last_used_at"
    }
}

extension JixiaoService {
    /// Issues a token for `login` (admin, or the user for themself), valid for `validFor` (at
    /// most `TokenLifetime.maximumDays`: every token expires). The secret is returned once;
    /// only its SHA-256 is stored.
    public func issueToken(
        _ caller: Caller,
        login: String,
        label: String = "",
        validFor: Duration = .seconds(90 * 86_400)
    ) async throws -> (token: String, info: TokenInfo) {
        try ServiceError.check(Permissions.canIssueToken(forSelf: caller.login == login, actor: caller.actor))
        let token = SecretText.random(prefix: "jx_")
        // Exact to the microsecond (whole seconds alone would turn 500 ms into an expired token).
        let microseconds = validFor.components.seconds * 1_000_000 + validFor.components.attoseconds / 1_000_000_000_000
        if let refusal = TokenLifetime.refusal(microseconds: microseconds) { throw ServiceError.invalid(refusal) }
        let info = try await self.database.write(actor: caller.login) { conn in
            guard let userID = try conn.first(Statements.UserID(login: login)) else {
                throw ServiceError.notFound("user \(login)")
            }
            return try conn.first(Statements.InsertToken(userID: userID, login: login, token: token, label: label, microseconds: microseconds))!
        }
        return (token, info)
    }

    /// Resolves a bearer token to its caller: unknown, expired, revoked tokens and disabled
    /// users are refused alike (no hint which). `last_used_at` is refreshed at most once a
    /// minute, so that reading requests do not each write a row.
    public func authenticate(token: String) async throws -> Caller {
        let user = try await self.database.run { conn in
            try conn.first(Statements.Authenticate(token: token))
        }
        guard let user else { throw ServiceError(.unauthenticated, .invalidToken, "the token is missing, unknown, expired or revoked") }
        return Caller(user: user)
    }

    /// Tokens of `login` (or all, for an admin when `login` is nil).
    public func listTokens(_ caller: Caller, login: String? = nil) async throws -> [TokenInfo] {
        let target = login ?? (caller.has(.admin) ? nil : caller.login)
        try ServiceError.check(Permissions.canListTokens(forSelf: target == caller.login, actor: caller.actor))
        return try await self.database.read { conn in
            try conn.rows(Statements.ListTokens(login: target))
        }
    }

    /// Revokes a token by id (admin, or its owner).
    public func revokeToken(_ caller: Caller, id: Int64) async throws -> TokenInfo {
        try await self.database.write(actor: caller.login) { conn in
            guard let owner = try conn.first(Statements.TokenOwner(id: id)) else { throw ServiceError.notFound("token \(id)") }
            // A refusal is answered as "not found": another user's token is not revealed.
            guard Permissions.canRevokeToken(ownToken: owner == caller.login, actor: caller.actor).isAllowed else {
                throw ServiceError.notFound("token \(id)")
            }
            return try conn.first(Statements.RevokeToken(id: id, login: owner))!
        }
    }
}
