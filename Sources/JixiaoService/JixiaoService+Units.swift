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
            try conn.run(Statements.LockUsers())
            let count = try conn.first(Statements.CountUsers())!
            guard count == 0 else {
                throw ServiceError(.refused, .alreadyInitialized, "the database already has users; add more with an admin login")
            }
            let unitID = try conn.first(Statements.EnsureUnit(code: unitCode, name: unitName))!
            return try conn.first(Statements.InsertUser(login: adminLogin, displayName: displayName, unitID: unitID, roles: ["admin"]))!
        }
    }

    /// Adds a unit (admin). `parentCode` names its supervising department.
    public func addUnit(_ caller: Caller, code: String, name: String, parentCode: String? = nil) async throws -> BudgetUnit {
        try self.requireAdmin(caller)
        try Validation.requireText(code, field: "unit code")
        try Validation.requireText(name, field: "unit name")
        return try await self.database.write(actor: caller.login) { conn in
            var parentID: Int64?
            if let parentCode {
                guard let id = try conn.first(Statements.UnitIDByCode(code: parentCode)) else {
                    throw ServiceError.notFound("supervising unit \(parentCode)")
                }
                parentID = id
            }
            do {
                return try conn.first(Statements.InsertUnit(code: code, name: name, parentID: parentID))!
            } catch let error as PQError where error.isUniqueViolation {
                throw ServiceError(
                    .refused,
                    .duplicate,
                    "a unit with this \(error.constraint?.contains("name") == true ? "name" : "code") already exists (\(code), \(name))"
                )
            }
        }
    }

    /// All units, ordered by code (any signed-in user may list them).
    public func listUnits(_ caller: Caller) async throws -> [BudgetUnit] {
        try await self.database.read { conn in
            try conn.rows(Statements.ListUnits())
        }
    }

    /// One unit by code or name.
    public func unit(_ caller: Caller, codeOrName: String) async throws -> BudgetUnit {
        let unit = try await self.database.read { conn in
            try conn.first(Statements.UnitByCodeOrName(codeOrName: codeOrName))
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
            guard let unitID = try conn.first(Statements.UnitIDByCodeOrName(codeOrName: unitCode)) else {
                throw ServiceError.notFound("unit \(unitCode)")
            }
            do {
                let user = Statements.InsertUser(
                    login: login,
                    displayName: displayName.isEmpty ? login : displayName,
                    unitID: unitID,
                    roles: roles.map(\.rawValue).sorted()
                )
                return try conn.first(user)!
            } catch let error as PQError where error.isUniqueViolation {
                throw ServiceError(.refused, .duplicate, "a user with login \"\(login)\" already exists")
            }
        }
    }

    /// All users (admin, auditor).
    public func listUsers(_ caller: Caller) async throws -> [User] {
        try ServiceError.check(Permissions.canListUsers(actor: caller.actor))
        return try await self.database.read { conn in
            try conn.rows(Statements.ListUsers())
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

    /// Disables a user (admin): they can no longer act, and their tokens are revoked in the
    /// same transaction (a later re-enable does not bring them back).
    public func disable(_ caller: Caller, login: String) async throws -> User {
        // Admin first: a non-admin learns "not permitted", whoever it names.
        try ServiceError.check(Permissions.canDisableUser(isSelf: login == caller.login, actor: caller.actor))
        return try await self.updateUser(
            caller,
            login: login,
            { user in user.disabled = true },
            then: { conn, user in try conn.run(Statements.RevokeUserTokens(userID: user.id)) }
        )
    }

    private func updateUser(
        _ caller: Caller,
        login: String,
        _ change: @escaping @Sendable (inout User) throws -> Void,
        then: (@Sendable (Connection, User) throws -> Void)? = nil
    ) async throws -> User {
        try self.requireAdmin(caller)
        return try await self.database.write(actor: caller.login) { conn in
            guard var user = try conn.first(Statements.UserForUpdate(login: login)) else {
                throw ServiceError.notFound("user \(login)")
            }
            try change(&user)
            let updated = try conn.first(Statements.UpdateUser(user: user))!
            try then?(conn, updated)
            return updated
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
