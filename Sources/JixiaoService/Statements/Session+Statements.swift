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
