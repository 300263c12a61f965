import JixiaoCore
import PQ

extension JixiaoService {
    /// Sets the caller's own password; the current one is required (and counted as a failed
    /// sign-in when wrong, so that a stolen session cannot guess it freely). Every session of the
    /// user ends; with `client`, a fresh session replaces the one the request came with.
    ///
    /// The password is never logged, stored or returned: only its bcrypt hash is kept.
    @discardableResult
    public func changePassword(_ caller: Caller, current: String, new: String, client: SignInClient? = nil) async throws -> NewSession? {
        if let refusal = PasswordRules.refusal(new, login: caller.login) { throw ServiceError(refusal) }
        guard new != current else {
            throw ServiceError(.invalid, .passwordUnchanged, "the new password must differ from the current one")
        }
        let login = caller.login
        let address = client?.address ?? ""
        let account = Self.throttleKey(login)
        try await self.refuseWhileThrottled(account: account, address: address)
        let stored = try await self.database.read { conn in try conn.first(Statements.CredentialByLogin(login: login)) }
        guard await self.passwords.verify(current, against: stored?.passwordHash), let stored else {
            try await self.countFailure(account: account, address: address)
            throw ServiceError(.forbidden, .wrongPassword, "the current password is not right")
        }
        let hash = await self.passwords.hash(new)
        let configuration = self.signIn
        return try await self.database.write(actor: login) { conn in
            try conn.run(Statements.SetPassword(userID: stored.user.id, hash: hash, mustChange: false))
            try conn.run(Statements.ForgetAccountFailures(account: account))
            guard let client else { return nil }
            return try Self.startSession(conn, user: stored.user, mustChange: false, client: client, configuration: configuration)
        }
    }

    /// Sets a password for `login` (admin): the user must change it at their next sign-in, and
    /// every session of theirs ends now.
    public func resetPassword(_ caller: Caller, login: String, new: String) async throws {
        try self.requireAdmin(caller)
        if let refusal = PasswordRules.refusal(new, login: login) { throw ServiceError(refusal) }
        let hash = await self.passwords.hash(new)
        try await self.database.write(actor: caller.login) { conn in
            guard let userID = try conn.first(Statements.UserID(login: login)) else { throw ServiceError.notFound("user \(login)") }
            try conn.run(Statements.SetPassword(userID: userID, hash: hash, mustChange: true))
        }
    }
}
