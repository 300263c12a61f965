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
    /// Issues a token for `login` (admin, or the user for themself). The secret is returned
    /// once; only its SHA-256 is stored.
    public func issueToken(
        _ caller: Caller,
        login: String,
        label: String = "",
        validFor: Duration? = .seconds(90 * 86_400)
    ) async throws -> (token: String, info: TokenInfo) {
        try ServiceError.check(Permissions.canIssueToken(forSelf: caller.login == login, actor: caller.actor))
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "jx_" + bytes.map { String(format: "%02x", $0) }.joined()
        // Exact to the microsecond (whole seconds alone would turn 500 ms into an expired token).
        let microseconds = validFor.map { $0.components.seconds * 1_000_000 + $0.components.attoseconds / 1_000_000_000_000 }
        if let microseconds, let refusal = TokenLifetime.refusal(microseconds: microseconds) { throw ServiceError.invalid(refusal) }
        let info = try await self.database.write(actor: caller.login) { conn in
            guard let user = try conn.query("SELECT id FROM app_user WHERE login = $1", [login]).first else {
                throw ServiceError.notFound("user \(login)")
            }
            let row = try conn.query(
                """
                INSERT INTO api_token (user_id, token_sha256, label, expires_at)
                VALUES ($1, sha256(convert_to($2, 'UTF8')), $3, now() + $4::bigint * interval '1 microsecond')
                RETURNING id, label, created_at, expires_at, revoked_at, last_used_at
                """,
                [try user.decode(Int64.self, "id"), token, label, microseconds]
            ).first!
            return try Self.tokenInfo(row, login: login)
        }
        return (token, info)
    }

    /// Resolves a bearer token to its caller: unknown, expired, revoked tokens and disabled
    /// users are refused alike (no hint which). `last_used_at` is refreshed at most once a
    /// minute, so that reading requests do not each write a row.
    public func authenticate(token: String) async throws -> Caller {
        let user = try await self.database.run { conn in
            try conn.queryPrepared(
                "authenticate",
                sql: """
                    WITH found AS (
                        SELECT t.id AS token_id, u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled
                        FROM api_token t JOIN app_user u ON u.id = t.user_id
                        WHERE t.token_sha256 = sha256(convert_to($1, 'UTF8')) AND t.revoked_at IS NULL
                          AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled),
                    touched AS (
                        UPDATE api_token SET last_used_at = now()
                        WHERE id IN (SELECT token_id FROM found)
                          AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute'))
                    SELECT id, login, display_name, unit_id, roles, disabled FROM found
                    """,
                [token]
            ).first.map(Rows.user)
        }
        guard let user else { throw ServiceError(.unauthenticated, "invalid-token", "the token is missing, unknown, expired or revoked") }
        return Caller(user: user)
    }

    /// Tokens of `login` (or all, for an admin when `login` is nil).
    public func listTokens(_ caller: Caller, login: String? = nil) async throws -> [TokenInfo] {
        let target = login ?? (caller.has(.admin) ? nil : caller.login)
        try ServiceError.check(Permissions.canListTokens(forSelf: target == caller.login, actor: caller.actor))
        return try await self.database.read { conn in
            try conn.query(
                """
                SELECT t.id, u.login, t.label, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
                FROM api_token t JOIN app_user u ON u.id = t.user_id
                WHERE $1::text IS NULL OR u.login = $1 ORDER BY t.id
                """,
                [target]
            ).map { try Self.tokenInfo($0, login: try $0.decode(String.self, "login")) }
        }
    }

    /// Revokes a token by id (admin, or its owner).
    public func revokeToken(_ caller: Caller, id: Int64) async throws -> TokenInfo {
        try await self.database.write(actor: caller.login) { conn in
            guard
                let row = try conn.query(
                    """
                    SELECT t.id, u.login FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1
                    """,
                    [id]
                ).first
            else { throw ServiceError.notFound("token \(id)") }
            let owner = try row.decode(String.self, "login")
            // A refusal is answered as "not found": another user's token is not revealed.
            guard Permissions.canRevokeToken(ownToken: owner == caller.login, actor: caller.actor).isAllowed else {
                throw ServiceError.notFound("token \(id)")
            }
            let updated = try conn.query(
                """
                UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
                RETURNING id, label, created_at, expires_at, revoked_at, last_used_at
                """,
                [id]
            ).first!
            return try Self.tokenInfo(updated, login: owner)
        }
    }

    static func tokenInfo(_ row: PQRow, login: String) throws -> TokenInfo {
        TokenInfo(
            id: try row.decode(Int64.self, "id"),
            login: login,
            label: try row.decode(String.self, "label"),
            createdAt: try row.decode(Date.self, "created_at"),
            expiresAt: try row.decode(Date?.self, "expires_at"),
            revokedAt: try row.decode(Date?.self, "revoked_at"),
            lastUsedAt: try row.decode(Date?.self, "last_used_at")
        )
    }
}
