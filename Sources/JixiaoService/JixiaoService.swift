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
            throw ServiceError(.unauthenticated, .unknownUser, "no user with login \"\(login)\"")
        }
        guard !user.disabled else {
            throw ServiceError(.unauthenticated, .userDisabled, "user \"\(login)\" is disabled")
        }
        return Caller(user: user)
    }

    /// Checks that the database answers (for health probes); throws `.unavailable` otherwise.
    public func health() async throws {
        _ = try await self.database.run { conn in try conn.run(Statements.Ping()) }
    }

    /// Refuses to serve on a login that is more than the application role: a superuser, or a
    /// role that may become the schema's owner. With such a login `RESET ROLE` (or SQL smuggled
    /// past a defect) would give back the power to rewrite the trail and skip every guard; the
    /// server logs in as `jixiao_app` itself, and migrations run as the owner, separately.
    public func requireApplicationLogin() async throws {
        guard let powers = try await self.database.run({ conn in try conn.first(Statements.LoginPowers()) }) else {
            throw ServiceError(.internal, .badRow, "the login's roles could not be read")
        }
        if powers.isSuperuser || powers.canBecomeOwner {
            throw ServiceError(
                .refused,
                .privilegedLogin,
                "the server logs in as \"\(powers.login)\", \(powers.isSuperuser ? "a superuser" : "a role that may become the schema's owner"); "
                    + "it must log in as the application role \(Database.applicationRole) with its own password "
                    + "(JIXIAO_DATABASE_URL=postgres://\(Database.applicationRole)@host/db, the password in PGPASSFILE); "
                    + "run migrations with the owner's login (jixiao db migrate --database-url …)"
            )
        }
    }

    /// Refuses unless `caller` holds `admin`.
    func requireAdmin(_ caller: Caller) throws {
        if let refusal = Permissions.canAdminister(actor: caller.actor).refusal { throw ServiceError(refusal) }
    }
}
