import Foundation
import JixiaoCore
import PQ

extension Statements {
    /// The columns of `api_token` a `TokenInfo` is made of.
    static let tokenColumns = "id, label, created_at, expires_at, revoked_at, last_used_at"

    /// A token's facts; `login` is the owner's, known to the caller or read with the row.
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

    /// Stores a new token (only its SHA-256), valid for `microseconds`.
    struct InsertToken: PQStatement {
        var userID: Int64
        var login: String
        var token: String
        var label: String
        var microseconds: Int64
        private static let text = """
            INSERT INTO api_token (user_id, token_sha256, label, expires_at)
            VALUES ($1, sha256(convert_to($2, 'UTF8')), $3, now() + $4::bigint * interval '1 microsecond')
            RETURNING \(Statements.tokenColumns)
            """
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.userID, self.token, self.label, self.microseconds] }
        func decodeRow(_ row: PQRow) throws -> TokenInfo { try Statements.tokenInfo(row, login: self.login) }
    }

    /// The user a valid token belongs to, marking the token used (at most once a minute).
    struct Authenticate: PQStatement {
        var token: String
        var sql: String {
            """
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
            """
        }
        var preparedName: String? { "authenticate" }
        var bindings: [(any PQEncodable)?] { [self.token] }
        func decodeRow(_ row: PQRow) throws -> User { try Rows.user(row) }
    }

    /// The tokens of one user (`login`), or of everyone (`nil`), by id.
    struct ListTokens: PQStatement {
        var login: String?
        var sql: String {
            """
            SELECT t.id, u.login, t.label, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
            FROM api_token t JOIN app_user u ON u.id = t.user_id
            WHERE $1::text IS NULL OR u.login = $1 ORDER BY t.id
            """
        }
        var bindings: [(any PQEncodable)?] { [self.login] }
        func decodeRow(_ row: PQRow) throws -> TokenInfo { try Statements.tokenInfo(row, login: try row.decode(String.self, "login")) }
    }

    /// The login of a token's owner.
    struct TokenOwner: PQStatement {
        var id: Int64
        var sql: String { "SELECT t.id, u.login FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1" }
        var bindings: [(any PQEncodable)?] { [self.id] }
        func decodeRow(_ row: PQRow) throws -> String { try row.decode(String.self, "login") }
    }

    /// Revokes every token of a user that is not revoked yet (when the user is disabled).
    struct RevokeUserTokens: PQStatement {
        var userID: Int64
        var sql: String { "UPDATE api_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL" }
        var bindings: [(any PQEncodable)?] { [self.userID] }
    }

    /// Revokes a token (a revoked one keeps its first revocation time).
    struct RevokeToken: PQStatement {
        var id: Int64
        var login: String
        private static let text = "UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING \(Statements.tokenColumns)"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.id] }
        func decodeRow(_ row: PQRow) throws -> TokenInfo { try Statements.tokenInfo(row, login: self.login) }
    }
}
