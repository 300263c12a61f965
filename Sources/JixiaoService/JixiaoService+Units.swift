import Foundation
import JixiaoCore
import PQ

extension JixiaoService {
    /// Creates the first unit and admin user of an empty database (`jixiao db init`). Refused
    /// once any user exists.
    @discardableResult
    public func bootstrap(adminLogin: String, displayName: String, unitCode: String, unitName: String) async throws -> User {
        try Validation.requireText(adminLogin, field: "login")
        try Validation.requireText(unitCode, field: "unit code")
        try Validation.requireText(unitName, field: "unit name")
        return try await self.database.write(actor: adminLogin) { conn in
            try conn.execute("LOCK TABLE app_user IN EXCLUSIVE MODE")
            let count = try conn.query("SELECT count(*)::int AS n FROM app_user").first!.decode(Int.self, "n")
            guard count == 0 else {
                throw ServiceError(.refused, "already-initialized", "the database already has users; add more with an admin login")
            }
            let unitID = try conn.query(
                "INSERT INTO unit (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET code = EXCLUDED.code RETURNING id",
                [unitCode, unitName]
            ).first!.decode(Int64.self, "id")
            let row = try conn.query(
                "INSERT INTO app_user (login, display_name, unit_id, roles) VALUES ($1, $2, $3, $4) RETURNING \(Rows.userColumns)",
                [adminLogin, displayName, unitID, ["admin"]]
            ).first!
            return try Rows.user(row)
        }
    }

    /// Adds a unit (admin). `parentCode` names its supervising department.
    public func addUnit(_ caller: Caller, code: String, name: String, parentCode: String? = nil) async throws -> JixiaoCore.Unit {
        try self.requireAdmin(caller)
        try Validation.requireText(code, field: "unit code")
        try Validation.requireText(name, field: "unit name")
        return try await self.database.write(actor: caller.login) { conn in
            var parentID: Int64?
            if let parentCode {
                guard let row = try conn.query("SELECT id FROM unit WHERE code = $1", [parentCode]).first else {
                    throw ServiceError.notFound("supervising unit \(parentCode)")
                }
                parentID = try row.decode(Int64.self, "id")
            }
            do {
                return try Rows.unit(
                    conn.query(
                        "INSERT INTO unit (code, name, parent_id) VALUES ($1, $2, $3) RETURNING \(Rows.unitColumns)",
                        [code, name, parentID]
                    ).first!
                )
            } catch let error as PQError where error.isUniqueViolation {
                throw ServiceError(
                    .refused,
                    "duplicate",
                    "a unit with this \(error.constraint?.contains("name") == true ? "name" : "code") already exists (\(code), \(name))"
                )
            }
        }
    }

    /// All units, ordered by code (any signed-in user may list them).
    public func listUnits(_ caller: Caller) async throws -> [JixiaoCore.Unit] {
        try await self.database.read { conn in
            try conn.query("SELECT \(Rows.unitColumns) FROM unit ORDER BY code").map(Rows.unit)
        }
    }

    /// One unit by code or name.
    public func unit(_ caller: Caller, codeOrName: String) async throws -> JixiaoCore.Unit {
        let unit = try await self.database.read { conn in
            try conn.query("SELECT \(Rows.unitColumns) FROM unit WHERE code = $1 OR name = $1 ORDER BY code = $1 DESC LIMIT 1", [codeOrName]).first
                .map(Rows.unit)
        }
        guard let unit else { throw ServiceError.notFound("unit \(codeOrName)") }
        return unit
    }

    /// Adds a user of `unitCode` with `roles` (admin).
    public func addUser(_ caller: Caller, login: String, displayName: String, unitCode: String, roles: Set<Role>) async throws -> User {
        try self.requireAdmin(caller)
        try Validation.requireText(login, field: "login")
        guard !roles.isEmpty else { throw ServiceError.invalid("a user needs at least one role (drafter, supervisor, finance, auditor, admin)") }
        return try await self.database.write(actor: caller.login) { conn in
            guard let unitRow = try conn.query("SELECT id FROM unit WHERE code = $1 OR name = $1", [unitCode]).first else {
                throw ServiceError.notFound("unit \(unitCode)")
            }
            do {
                return try Rows.user(
                    conn.query(
                        "INSERT INTO app_user (login, display_name, unit_id, roles) VALUES ($1, $2, $3, $4) RETURNING \(Rows.userColumns)",
                        [login, displayName.isEmpty ? login : displayName, try unitRow.decode(Int64.self, "id"), roles.map(\.rawValue).sorted()]
                    ).first!
                )
            } catch let error as PQError where error.isUniqueViolation {
                throw ServiceError(.refused, "duplicate", "a user with login \"\(login)\" already exists")
            }
        }
    }

    /// All users (admin, auditor).
    public func listUsers(_ caller: Caller) async throws -> [User] {
        try ServiceError.check(Permissions.canListUsers(actor: caller.actor))
        return try await self.database.read { conn in
            try conn.query("SELECT \(Rows.userColumns) FROM app_user ORDER BY login").map(Rows.user)
        }
    }

    /// Adds roles to a user (admin).
    public func grant(_ caller: Caller, login: String, roles: Set<Role>) async throws -> User {
        try await self.updateUser(caller, login: login) { user in user.roles.formUnion(roles) }
    }

    /// Removes roles from a user (admin); a user keeps at least one role.
    public func revoke(_ caller: Caller, login: String, roles: Set<Role>) async throws -> User {
        try await self.updateUser(caller, login: login) { user in
            user.roles.subtract(roles)
            guard !user.roles.isEmpty else {
                throw ServiceError.invalid("a user keeps at least one role; disable the user instead")
            }
        }
    }

    /// Disables a user (admin): their tokens stop working and they can no longer act.
    public func disable(_ caller: Caller, login: String) async throws -> User {
        // Admin first: a non-admin learns "not permitted", whoever it names.
        try ServiceError.check(Permissions.canDisableUser(isSelf: login == caller.login, actor: caller.actor))
        return try await self.updateUser(caller, login: login) { user in user.disabled = true }
    }

    private func updateUser(_ caller: Caller, login: String, _ change: @escaping @Sendable (inout User) throws -> Void) async throws -> User {
        try self.requireAdmin(caller)
        return try await self.database.write(actor: caller.login) { conn in
            guard let row = try conn.query("SELECT \(Rows.userColumns) FROM app_user WHERE login = $1 FOR UPDATE", [login]).first else {
                throw ServiceError.notFound("user \(login)")
            }
            var user = try Rows.user(row)
            try change(&user)
            return try Rows.user(
                conn.query(
                    "UPDATE app_user SET roles = $2, disabled = $3 WHERE id = $1 RETURNING \(Rows.userColumns)",
                    [user.id, user.roles.map(\.rawValue).sorted(), user.disabled]
                ).first!
            )
        }
    }
}

/// Input checks shared by the operations.
enum Validation {
    static func requireText(_ text: String, field: String) throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServiceError.invalid("\(field) must not be empty")
        }
    }
}
