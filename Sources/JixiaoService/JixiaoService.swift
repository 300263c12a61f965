import JixiaoCore
import PQ

/// The records service: one public function per user operation, each one PostgreSQL
/// transaction, each checking who may do it. The CLI and the HTTP endpoint call these and
/// nothing else, so every rule is enforced here once.
///
/// ```swift
/// let service = JixiaoService(database: Database(.init(url: url)))
/// let caller = try await service.caller(login: "kang")
/// let tables = try await service.listTables(caller, filter: .init(fiscalYear: 2025))
/// ```
public final class JixiaoService: Sendable {
    public let database: Database
    /// Password cost, session limits, throttling.
    public let signIn: SignInConfiguration
    /// bcrypt, off the cooperative pool.
    let passwords: PasswordHasher

    public init(database: Database, signIn: SignInConfiguration = .standard) {
        self.database = database
        self.signIn = signIn
        self.passwords = PasswordHasher(cost: signIn.passwordCost, width: signIn.hashingThreads)
    }

    /// Resolves a login (the CLI's `--as`) to a caller; disabled users are refused.
    public func caller(login: String) async throws -> Caller {
        let user = try await self.database.read { conn in
            try conn.first(Statements.UserByLogin(login: login))
        }
        guard let user else {
            throw ServiceError(.unauthenticated, "unknown-user", "no user with login \"\(login)\"")
        }
        guard !user.disabled else {
            throw ServiceError(.unauthenticated, "user-disabled", "user \"\(login)\" is disabled")
        }
        return Caller(user: user)
    }

    /// Checks that the database answers (for health probes); throws `.unavailable` otherwise.
    public func health() async throws {
        _ = try await self.database.run { conn in try conn.run(Statements.Ping()) }
    }

    /// Refuses unless `caller` holds `admin`.
    func requireAdmin(_ caller: Caller) throws {
        if let refusal = Permissions.canAdminister(actor: caller.actor).refusal { throw ServiceError(refusal) }
    }
}
