import JixiaoCore
import PQ

extension Statements {
    /// A user's TOTP secret, whether it is confirmed, and the last time step used; locked, so
    /// that two sign-ins with one code cannot both pass.
    struct SecondFactorForUpdate: PQStatement {
        var userID: Int64
        var sql: String { "SELECT secret, confirmed_at IS NOT NULL AS confirmed, last_step FROM user_totp WHERE user_id = $1 FOR UPDATE" }
        var bindings: [(any PQEncodable)?] { [self.userID] }
        func decodeRow(_ row: PQRow) throws -> StoredSecondFactor {
            StoredSecondFactor(
                secret: try row.decode(String.self, "secret"),
                confirmed: try row.decode(Bool.self, "confirmed"),
                lastStep: try row.decode(Int64.self, "last_step")
            )
        }
    }

    /// Stores a new, unconfirmed secret (replacing an unconfirmed one).
    struct EnrolSecondFactor: PQStatement {
        var userID: Int64
        var secret: String
        var sql: String {
            """
            INSERT INTO user_totp (user_id, secret) VALUES ($1, $2)
            ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), last_step = 0
            WHERE user_totp.confirmed_at IS NULL
            """
        }
        var bindings: [(any PQEncodable)?] { [self.userID, self.secret] }
    }

    /// Marks a code's time step used, confirming the secret if it was not yet.
    struct UseSecondFactorStep: PQStatement {
        var userID: Int64
        var step: Int64
        var sql: String { "UPDATE user_totp SET last_step = $2, confirmed_at = coalesce(confirmed_at, now()) WHERE user_id = $1" }
        var bindings: [(any PQEncodable)?] { [self.userID, self.step] }
    }

    /// Removes a user's second factor (an admin's reset: they enrol again).
    struct DeleteSecondFactor: PQStatement {
        var userID: Int64
        var sql: String { "DELETE FROM user_totp WHERE user_id = $1" }
        var bindings: [(any PQEncodable)?] { [self.userID] }
    }

    /// The admin's requirement and whether the user has a confirmed second factor.
    struct SecondFactorStatus: PQStatement {
        var userID: Int64
        var sql: String {
            """
            SELECT (SELECT require_totp FROM sign_in_policy) AS require_totp,
                   EXISTS (SELECT 1 FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL) AS confirmed
            """
        }
        var bindings: [(any PQEncodable)?] { [self.userID] }
        func decodeRow(_ row: PQRow) throws -> (policyRequires: Bool, confirmed: Bool) {
            (try row.decode(Bool?.self, "require_totp") ?? false, try row.decode(Bool.self, "confirmed"))
        }
    }

    /// Whether the admin requires a second factor for finance and admin users.
    struct SecondFactorPolicy: PQStatement {
        var sql: String { "SELECT require_totp FROM sign_in_policy" }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> Bool { try row.decode(Bool.self, "require_totp") }
    }

    /// Sets the admin's requirement.
    struct SetSecondFactorPolicy: PQStatement {
        var required: Bool
        var sql: String { "UPDATE sign_in_policy SET require_totp = $1" }
        var bindings: [(any PQEncodable)?] { [self.required] }
    }
}

/// A user's TOTP secret as sign-in reads it.
struct StoredSecondFactor: Sendable {
    var secret: String
    var confirmed: Bool
    var lastStep: Int64
}
