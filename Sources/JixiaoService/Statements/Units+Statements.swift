import JixiaoCore
import PQ

extension Statements {
    /// The unit with this code, else the one with this name.
    struct UnitByCodeOrName: PQStatement {
        var codeOrName: String
        private static let text = "SELECT \(Rows.unitColumns) FROM unit WHERE code = $1 OR name = $1 ORDER BY code = $1 DESC LIMIT 1"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.codeOrName] }
        func decodeRow(_ row: PQRow) throws -> BudgetUnit { try Rows.unit(row) }
    }

    /// The id of a unit named by code or name (any match).
    struct UnitIDByCodeOrName: PQStatement {
        var codeOrName: String
        var sql: String { "SELECT id FROM unit WHERE code = $1 OR name = $1" }
        var bindings: [(any PQEncodable)?] { [self.codeOrName] }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "id") }
    }

    /// The id of the unit with this code.
    struct UnitIDByCode: PQStatement {
        var code: String
        var sql: String { "SELECT id FROM unit WHERE code = $1" }
        var bindings: [(any PQEncodable)?] { [self.code] }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "id") }
    }

    /// The name of a unit.
    struct UnitName: PQStatement {
        var id: Int64
        var sql: String { "SELECT name FROM unit WHERE id = $1" }
        var bindings: [(any PQEncodable)?] { [self.id] }
        func decodeRow(_ row: PQRow) throws -> String { try row.decode(String.self, "name") }
    }

    /// Every unit, by code.
    struct ListUnits: PQStatement {
        private static let text = "SELECT \(Rows.unitColumns) FROM unit ORDER BY code"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> BudgetUnit { try Rows.unit(row) }
    }

    /// Inserts a unit; a duplicate code or name is a unique violation.
    struct InsertUnit: PQStatement {
        var code: String
        var name: String
        var parentID: Int64?
        private static let text = "INSERT INTO unit (code, name, parent_id) VALUES ($1, $2, $3) RETURNING \(Rows.unitColumns)"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.code, self.name, self.parentID] }
        func decodeRow(_ row: PQRow) throws -> BudgetUnit { try Rows.unit(row) }
    }

    /// The unit with this code, created if missing (the first admin's unit); returns its id.
    struct EnsureUnit: PQStatement {
        var code: String
        var name: String
        var sql: String { "INSERT INTO unit (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id" }
        var bindings: [(any PQEncodable)?] { [self.code, self.name] }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "id") }
    }

    /// Keeps other bootstraps out until this transaction ends.
    struct LockUsers: PQStatement {
        var sql: String { "LOCK TABLE app_user IN EXCLUSIVE MODE" }
        var bindings: [(any PQEncodable)?] { [] }
    }

    /// How many users there are.
    struct CountUsers: PQStatement {
        var sql: String { "SELECT count(*)::int AS n FROM app_user" }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> Int { try row.decode(Int.self, "n") }
    }

    /// Inserts a user; a duplicate login is a unique violation.
    struct InsertUser: PQStatement {
        var login: String
        var displayName: String
        var unitID: Int64
        var roles: [String]
        private static let text = "INSERT INTO app_user (login, display_name, unit_id, roles) VALUES ($1, $2, $3, $4) RETURNING \(Rows.userColumns)"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.login, self.displayName, self.unitID, self.roles] }
        func decodeRow(_ row: PQRow) throws -> User { try Rows.user(row) }
    }

    /// Every user, by login.
    struct ListUsers: PQStatement {
        private static let text = "SELECT \(Rows.userColumns) FROM app_user ORDER BY login"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [] }
        func decodeRow(_ row: PQRow) throws -> User { try Rows.user(row) }
    }

    /// One user by login, locked for update.
    struct UserForUpdate: PQStatement {
        var login: String
        private static let text = "SELECT \(Rows.userColumns) FROM app_user WHERE login = $1 FOR UPDATE"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.login] }
        func decodeRow(_ row: PQRow) throws -> User { try Rows.user(row) }
    }

    /// Stores a user's roles and disabled flag.
    struct UpdateUser: PQStatement {
        var user: User
        private static let text = "UPDATE app_user SET roles = $2, disabled = $3 WHERE id = $1 RETURNING \(Rows.userColumns)"
        var sql: String { Self.text }
        var bindings: [(any PQEncodable)?] { [self.user.id, self.user.roles.map(\.rawValue).sorted(), self.user.disabled] }
        func decodeRow(_ row: PQRow) throws -> User { try Rows.user(row) }
    }

    /// The id of a user by login.
    struct UserID: PQStatement {
        var login: String
        var sql: String { "SELECT id FROM app_user WHERE login = $1" }
        var bindings: [(any PQEncodable)?] { [self.login] }
        func decodeRow(_ row: PQRow) throws -> Int64 { try row.decode(Int64.self, "id") }
    }
}
