import Foundation
import JixiaoCore
import PQ

extension JixiaoService {
    /// Signs `login` in with `password` and starts a session.
    ///
    /// Every refusal reads the same (`invalid-credentials`), whether the login is unknown,
    /// disabled, without a password or the password is wrong, and takes the same time: an
    /// unknown login is checked against a dummy hash of the same cost. Failures count per login
    /// and per address (`SignInThrottle`); while a wait runs, every attempt gets `.throttled`
    /// (HTTP 429), the right password too.
    ///
    /// A user with a confirmed second factor also gives the `code` of their app: without it the
    /// answer is `second-factor-required` (the password was right), a wrong code counts as a
    /// failure (`invalid-code`), and each code works once.
    public func signIn(login: String, password: String, code: String? = nil, client: SignInClient) async throws -> NewSession {
        let account = Self.throttleKey(login)
        try await self.refuseWhileThrottled(account: account, address: client.address)
        let stored = try await self.database.read { conn in try conn.first(Statements.CredentialByLogin(login: login)) }
        let usable = stored.flatMap { $0.user.disabled ? nil : $0.passwordHash }
        let matches = await self.passwords.verify(password, against: usable)
        guard matches, let stored else {
            try await self.countFailure(account: account, address: client.address)
            throw ServiceError(.unauthenticated, .invalidCredentials, "the login or the password is not right")
        }
        let configuration = self.signIn
        let now = Date()
        let outcome = try await self.database.write(actor: stored.user.login) { conn -> SignInOutcome in
            // A failure that landed while this password was being checked started a wait: refuse
            // the right password as well, so that parallel guessing learns nothing from it.
            if let refusal = try Self.throttled(conn, account: account, address: client.address) { throw refusal }
            if let factor = try conn.first(Statements.SecondFactorForUpdate(userID: stored.user.id)), factor.confirmed {
                guard let code else { return .codeMissing }
                guard let step = Self.matchingStep(code, factor, at: now) else { return .codeWrong }
                try conn.run(Statements.UseSecondFactorStep(userID: stored.user.id, step: step))
            }
            try conn.run(Statements.ForgetAccountFailures(account: account))
            return .session(
                try Self.startSession(conn, user: stored.user, mustChange: stored.mustChange, client: client, configuration: configuration)
            )
        }
        switch outcome {
        case .session(let session):
            return session
        case .codeMissing:
            throw ServiceError(.unauthenticated, .secondFactorRequired, "give the six-digit code of your authenticator app as `code`")
        case .codeWrong:
            try await self.countFailure(account: account, address: client.address)
            throw ServiceError(.unauthenticated, .invalidCode, "the code is not right (six digits from the app, each used once)")
        }
    }

    /// How the last step of a sign-in ended.
    private enum SignInOutcome: Sendable {
        case session(NewSession)
        case codeMissing
        case codeWrong
    }

    /// Resolves a session id (the cookie's value) to its caller: unknown, expired, idle and
    /// ended sessions and disabled users are refused alike.
    public func authenticate(session secret: String) async throws -> Caller {
        let idle = Self.milliseconds(self.signIn.sessionIdleTimeout)
        let caller = try await self.database.run { conn in
            try conn.first(Statements.AuthenticateSession(secret: secret, idleMilliseconds: idle))
        }
        guard let caller else {
            throw ServiceError(.unauthenticated, .invalidSession, "the session is unknown, has expired or was ended: sign in again")
        }
        return caller
    }

    /// Ends the session the caller came with.
    public func signOut(_ caller: Caller) async throws {
        guard let sessionID = caller.sessionID else {
            throw ServiceError(
                .invalid,
                .noSession,
                "this request was not made in a session (a bearer token is revoked with `jixiao token revoke`)"
            )
        }
        _ = try await self.database.write(actor: caller.login) { conn in
            try conn.run(Statements.DeleteSession(id: sessionID, userID: caller.user.id))
        }
    }

    /// Ends every session of the caller, on every device ("sign out everywhere"); returns how
    /// many ended. API tokens are not sessions: they stay until revoked.
    @discardableResult
    public func signOutEverywhere(_ caller: Caller) async throws -> Int {
        try await self.database.write(actor: caller.login) { conn in
            try conn.run(Statements.DeleteSessions(userID: caller.user.id))
        }
    }

    /// The caller's live sessions, newest first, the current one marked.
    public func listSessions(_ caller: Caller) async throws -> [SessionInfo] {
        let statement = Statements.ListSessions(
            userID: caller.user.id,
            idleMilliseconds: Self.milliseconds(self.signIn.sessionIdleTimeout),
            current: caller.sessionID
        )
        return try await self.database.read { conn in try conn.rows(statement) }
    }

    // MARK: shared by sign-in and password change

    /// Starts a session for `user` on `conn` (inside the caller's transaction).
    static func startSession(
        _ conn: Connection,
        user: User,
        mustChange: Bool,
        client: SignInClient,
        configuration: SignInConfiguration
    ) throws -> NewSession {
        let secret = SecretText.random(prefix: "jxs_")
        let info = try conn.first(
            Statements.InsertSession(
                userID: user.id,
                secret: secret,
                lifetimeMilliseconds: Self.milliseconds(configuration.sessionLifetime),
                idleMilliseconds: Self.milliseconds(configuration.sessionIdleTimeout),
                userAgent: client.userAgent,
                address: client.address
            )
        )!
        var current = info
        current.current = true
        let factor = try conn.first(Statements.SecondFactorStatus(userID: user.id))!
        return NewSession(
            secret: secret,
            info: current,
            user: user,
            passwordChangeRequired: mustChange,
            secondFactorEnrolmentRequired: !factor.confirmed && SecondFactorRules.isRequired(roles: user.roles, policyRequires: factor.policyRequires)
        )
    }

    /// Throws `.throttled` while a wait runs for `account` or `address`.
    func refuseWhileThrottled(account: String, address: String) async throws {
        let refusal = try await self.database.run { conn in try Self.throttled(conn, account: account, address: address) }
        if let refusal { throw refusal }
    }

    /// The `.throttled` error while a wait runs for `account` or `address`, else nil.
    static func throttled(_ conn: Connection, account: String, address: String) throws -> ServiceError? {
        let remaining = try conn.first(Statements.ThrottleWait(account: account, address: address)) ?? 0
        guard remaining > 0 else { return nil }
        let seconds = SignInThrottle.retryAfterSeconds(.milliseconds(remaining))
        var error = ServiceError(.throttled, .tooManyAttempts, "too many failed sign-ins: try again in \(seconds) s")
        error.retryAfterSeconds = seconds
        return error
    }

    /// Counts a failed sign-in for the login and the address, and starts the wait the policy
    /// gives for the new counts.
    func countFailure(account: String, address: String) async throws {
        var keys = [("account", account, self.signIn.accountThrottle)]
        if !address.isEmpty { keys.append(("address", address, self.signIn.addressThrottle)) }
        try await self.database.write(actor: "sign-in") { [keys] conn in
            for (scope, key, policy) in keys {
                let failures = try conn.first(
                    Statements.CountFailure(scope: scope, key: key, forgetMilliseconds: Self.milliseconds(policy.forgetAfter))
                )!
                let wait = policy.wait(afterFailures: failures)
                if wait > .zero { try conn.run(Statements.BlockSignIn(scope: scope, key: key, milliseconds: Self.milliseconds(wait))) }
            }
        }
    }

    /// The account key of a login: logins are short, guesses need not be (a bound on what is stored).
    static func throttleKey(_ login: String) -> String { String(login.prefix(128)) }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
