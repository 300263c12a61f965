import Foundation
import JixiaoCore
import PQ

extension Statements {
    /// A user with their password hash (nil without a password) and whether it must change.
    struct CredentialByLogin: PQStatement {
        var login: String
        private static let text = """
            SELECT u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled, c.password_hash, coalesce(c.must_change, false) AS must_change
            FROM app_user u LEFT JOIN user_credential c ON c.user_id = u.id WHERE u.login = $1
            """
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.login] }
        func decodeRow(_ row: PQRow) throws -> StoredCredential {
            StoredCredential(
                user: try Rows.user(row),
                passwordHash: try row.decode(String?.self, "password_hash"),
                mustChange: try row.decode(Bool.self, "must_change")
            )
        }
    }

    /// Stores a password hash, replacing the previous one (the table's trigger ends the user's
    /// sessions).
    struct SetPassword: PQStatement {
        var userID: Int64
        var hash: String
        var mustChange: Bool
        var sql: String {
            """
            INSERT INTO user_credential (user_id, password_hash, must_change) VALUES ($1, $2, $3)
            ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, must_change = EXCLUDED.must_change, changed_at = now()
            """
        }
        var bindings: [(any PQEncodable)?] { [self.userID, self.hash, self.mustChange] }
    }

    /// The longest wait still running for an account or an address, in milliseconds (0 when
    /// none), locking the rows so that a concurrent failure is counted after this answer.
    struct ThrottleWait: PQStatement {
        var account: String
        var address: String
        var sql: String {
            """
            SELECT coalesce(max(ceil(extract(epoch FROM blocked_until - clock_timestamp()) * 1000)), 0)::bigint AS ms
            FROM (SELECT blocked_until FROM sign_in_throttle
                  WHERE (scope = 'account' AND key = $1) OR (scope = 'address' AND key = $2 AND $2 <> '')
                  FOR UPDATE) AS t
            WHERE blocked_until > clock_timestamp()
            """
        }
        var bindings: [(any PQEncodable)?] { [self.account, self.address] }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "ms") }
    }

    /// Counts one more failure for `key` (restarting the count after `forgetMilliseconds` of
    /// quiet); returns the failures in a row.
    struct CountFailure: PQStatement {
        var scope: String
        var key: String
        var forgetMilliseconds: Int64
        var sql: String {
            """
            INSERT INTO sign_in_throttle AS t (scope, key, failures, last_failure_at, blocked_until) VALUES ($1, $2, 1, now(), now())
            ON CONFLICT (scope, key) DO UPDATE SET
                failures = CASE WHEN t.last_failure_at < now() - $3::bigint * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END,
                last_failure_at = now()
            RETURNING failures
            """
        }
        var bindings: [(any PQEncodable)?] { [self.scope, self.key, self.forgetMilliseconds] }
        func decodeRow(_ row: PQRow) throws -> Int { try row.decode(Int.self, "failures") }
    }

    /// Refuses sign-ins for `key` for `milliseconds` from now.
    struct BlockSignIn: PQStatement {
        var scope: String
        var key: String
        var milliseconds: Int64
        var sql: String {
            "UPDATE sign_in_throttle SET blocked_until = now() + $3::bigint * interval '1 millisecond' WHERE scope = $1 AND key = $2"
        }
        var bindings: [(any PQEncodable)?] { [self.scope, self.key, self.milliseconds] }
    }

    /// Forgets an account's failures after a successful sign-in (an address's stay: one good
    /// account must not reset the count of a guesser behind the same address).
    struct ForgetAccountFailures: PQStatement {
        var account: String
        var sql: String { "DELETE FROM sign_in_throttle WHERE scope = 'account' AND key = $1" }
        var bindings: [(any PQEncodable)?] { [self.account] }
    }

    /// The columns of `user_session` a `SessionInfo` is made of.
    static let sessionColumns = "id, created_at, last_seen_at, expires_at, user_agent, address"

    static func sessionInfo(_ row: PQRow, current: Int64?) throws -> SessionInfo {
        let id = try row.decode(Int64.self, "id")
        return SessionInfo(
            id: id,
            createdAt: try row.decode(Date.self, "created_at"),
            lastSeenAt: try row.decode(Date.self, "last_seen_at"),
            expiresAt: try row.decode(Date.self, "expires_at"),
            userAgent: try row.decode(String.self, "user_agent"),
            address: try row.decode(String.self, "address"),
            current: id == current
        )
    }

    /// Starts a session (only the SHA-256 of its id is stored), dropping the user's expired ones.
    struct InsertSession: PQStatement {
        var userID: Int64
        var secret: String
        var lifetimeMilliseconds: Int64
        var idleMilliseconds: Int64
        var userAgent: String
        var address: String
        private static let text = """
            WITH expired AS (
                DELETE FROM user_session WHERE user_id = $1
                  AND (expires_at <= now() OR last_seen_at <= now() - $4::bigint * interval '1 millisecond'))
            INSERT INTO user_session (user_id, id_sha256, expires_at, user_agent, address)
            VALUES ($1, sha256(convert_to($2, 'UTF8')), now() + $3::bigint * interval '1 millisecond', $5, $6)
            RETURNING \(Statements.sessionColumns)
            """
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] {
            [self.userID, self.secret, self.lifetimeMilliseconds, self.idleMilliseconds, self.userAgent, self.address]
        }
        func decodeRow(_ row: PQRow) throws -> SessionInfo { try Statements.sessionInfo(row, current: nil) }
    }

    /// The user of a live session (neither past its absolute limit nor idle too long, its user
    /// not disabled), marking it seen (at most once a minute, so that reads do not each write).
    struct AuthenticateSession: PQStatement {
        var secret: String
        var idleMilliseconds: Int64
        var sql: String {
            """
            WITH found AS (
                SELECT s.id AS session_id, u.id, u.login, u.display_name, u.unit_id, u.roles, u.disabled,
                       coalesce(c.must_change, false) AS must_change,
                       coalesce((SELECT require_totp FROM sign_in_policy), false) AS require_totp,
                       EXISTS (SELECT 1 FROM user_totp t WHERE t.user_id = u.id AND t.confirmed_at IS NOT NULL) AS has_totp
                FROM user_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN user_credential c ON c.user_id = u.id
                WHERE s.id_sha256 = sha256(convert_to($1, 'UTF8')) AND s.expires_at > now()
                  AND s.last_seen_at > now() - $2::bigint * interval '1 millisecond' AND NOT u.disabled),
            touched AS (
                UPDATE user_session SET last_seen_at = now()
                WHERE id IN (SELECT session_id FROM found) AND last_seen_at < now() - interval '1 minute')
            SELECT * FROM found
            """
        }
        var preparedName: String? { "authenticate_session" }
        var bindings: [(any PQEncodable)?] { [self.secret, self.idleMilliseconds] }
        func decodeRow(_ row: PQRow) throws -> Caller {
            var caller = Caller(user: try Rows.user(row))
            caller.sessionID = try row.decode(Int64.self, "session_id")
            caller.passwordChangeRequired = try row.decode(Bool.self, "must_change")
            caller.secondFactorEnrolmentRequired =
                try !row.decode(Bool.self, "has_totp")
                && SecondFactorRules.isRequired(roles: caller.user.roles, policyRequires: try row.decode(Bool.self, "require_totp"))
            return caller
        }
    }

    /// Ends one session of a user.
    struct DeleteSession: PQStatement {
        var id: Int64
        var userID: Int64
        var sql: String { "DELETE FROM user_session WHERE id = $1 AND user_id = $2" }
        var bindings: [(any PQEncodable)?] { [self.id, self.userID] }
    }

    /// Ends every session of a user.
    struct DeleteSessions: PQStatement {
        var userID: Int64
        var sql: String { "DELETE FROM user_session WHERE user_id = $1" }
        var bindings: [(any PQEncodable)?] { [self.userID] }
    }

    /// A user's live sessions, newest first.
    struct ListSessions: PQStatement {
        var userID: Int64
        var idleMilliseconds: Int64
        var current: Int64?
        private static let text = """
            SELECT \(Statements.sessionColumns) FROM user_session
            WHERE user_id = $1 AND expires_at > now() AND last_seen_at > now() - $2::bigint * interval '1 millisecond'
            ORDER BY created_at DESC, id DESC
            """
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.userID, self.idleMilliseconds] }
        func decodeRow(_ row: PQRow) throws -> SessionInfo { try Statements.sessionInfo(row, current: self.current) }
    }
}

/// A user as sign-in reads them: the record, the password hash, the forced-change flag.
struct StoredCredential: Sendable {
    var user: User
    var passwordHash: String?
    var mustChange: Bool
}
