import JixiaoCore
import PQ

extension Statements {
    /// Takes on the database role every statement of the connection runs as.
    struct SetRole: PQStatement {
        var role: String
        var sql: String { "SELECT set_config('role', $1, false)" }
        var bindings: [(any PQEncodable)?] { [self.role] }
    }

    /// The settings the audit triggers read: who changes, and why (for this transaction).
    struct AuditSettings: PQStatement {
        var actor: String
        var reason: String?
        var sql: String { "SELECT set_config('jixiao.actor', $1, true), set_config('jixiao.reason', $2, true)" }
        var preparedName: String? { "audit_settings" }
        var bindings: [(any PQEncodable)?] { [self.actor, self.reason ?? ""] }
    }

    /// Opens the consistent read-only snapshot of a one-round-trip read.
    struct BeginSnapshot: PQStatement {
        var sql: String { "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" }
        var bindings: [(any PQEncodable)?] { [] }
    }

    /// Ends the transaction.
    struct Commit: PQStatement {
        var sql: String { "COMMIT" }
        var bindings: [(any PQEncodable)?] { [] }
    }

    /// What the connection's login may do beyond the application role: whether it is a
    /// superuser, or may become the owner of the schema (a member of the role owning
    /// `target_table`), and its name.
    struct LoginPowers: PQStatement {
        struct Row: Sendable {
            var login: String
            var isSuperuser: Bool
            var canBecomeOwner: Bool
        }

        var sql: String {
            """
            SELECT session_user::text AS login, r.rolsuper AS is_superuser,
                   pg_catalog.pg_has_role(session_user, c.relowner, 'MEMBER') AS can_become_owner
            FROM pg_catalog.pg_roles r, pg_catalog.pg_class c
            WHERE r.rolname = session_user AND c.oid = 'public.target_table'::regclass
            """
        }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> Row {
            Row(
                login: try row.decode(String.self, "login"),
                isSuperuser: try row.decode(Bool.self, "is_superuser"),
                canBecomeOwner: try row.decode(Bool.self, "can_become_owner")
            )
        }
    }

    /// Stores the application role's password verifier (never the password). ALTER ROLE takes
    /// no parameters, so the verifier is written into the statement: it is checked to be one
    /// (`SCRAM-SHA-256$…` or `md5…`, no quote), so nothing else can be.
    struct SetApplicationPassword: PQStatement {
        var verifier: String
        var sql: String {
            precondition(Self.isVerifier(self.verifier), "not a password verifier")
            return "ALTER ROLE \(Database.applicationRole) PASSWORD '\(self.verifier)'"
        }
        var bindings: [(any PQEncodable)?] { [] }

        static func isVerifier(_ text: String) -> Bool {
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=$:-")
            return (text.hasPrefix("SCRAM-SHA-256$") || text.hasPrefix("md5")) && text.allSatisfy(allowed.contains)
        }
    }

    /// Whether the database answers.
    struct Ping: PQStatement {
        var sql: String { "SELECT 1" }
        var bindings: [(any PQEncodable)?] { [] }
    }

    /// A user by login.
    struct UserByLogin: PQStatement {
        var login: String
        private static let text = "SELECT \(Rows.userColumns) FROM app_user WHERE login = $1"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.login] }
        func decodeRow(_ row: PQRow) throws -> User { try Rows.user(row) }
    }

    /// The audit trail's size after maintenance: rows and bytes on disk.
    struct AuditLogSize: PQStatement {
        var sql: String { "SELECT count(*) AS n, pg_total_relation_size('audit_log') AS bytes FROM audit_log" }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> (rows: Int64, bytes: Int64) {
            (try row.decode(Int64.self, "n"), try row.decode(Int64.self, "bytes"))
        }
    }

    /// Rewrites the audit trail in its clustered index's order, then refreshes statistics.
    static let clusterAuditScript = "CLUSTER audit_log; ANALYZE audit_log"
}
