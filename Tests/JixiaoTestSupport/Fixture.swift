import Foundation
import JixiaoCore
@_spi(Testing) import JixiaoService
import PQ
import Testing

/// Bounds how many fixtures (databases with their pools) exist at once: the machine has two
/// cores and the cluster a connection limit shared with other test suites.
public actor FixtureGate {
    /// The gate all fixtures of a test process pass.
    public static let shared = FixtureGate(limit: 4)

    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// A gate for `limit` fixtures at once.
    public init(limit: Int) { self.available = limit }

    /// Waits for a free place.
    public func acquire() async {
        if self.available > 0 {
            self.available -= 1
            return
        }
        await withCheckedContinuation { self.waiters.append($0) }
    }

    /// Gives a place back.
    public func release() {
        if self.waiters.isEmpty {
            self.available += 1
        } else {
            self.waiters.removeFirst().resume()
        }
    }
}

extension FixtureGate {
    /// Holds a place while `make` builds something, `body` uses it, and `dispose` ends it
    /// (also when `body` throws).
    public nonisolated func withPlace<Resource>(
        _ make: () async throws -> Resource,
        _ body: (Resource) async throws -> Void,
        dispose: (Resource) async -> Void
    ) async throws {
        await self.acquire()
        let resource: Resource
        do {
            resource = try await make()
        } catch {
            await self.release()
            throw error
        }
        var failure: (any Error)?
        do { try await body(resource) } catch { failure = error }
        await dispose(resource)
        await self.release()
        if let failure { throw failure }
    }
}

/// Runs `body` with a fixture of its own (`Fixture.make`), then closes the pool and drops the database.
///
/// With `dropNow: false` the database is only dropped when the test process exits
/// (`TestDatabase`): every DROP DATABASE forces a checkpoint, and many of them while other
/// suites run slow the timing-sensitive ones (the pool's acquire timeout) past their limits.
public func withFixture(
    poolSize: Int = 4,
    signIn: SignInConfiguration? = nil,
    dropNow: Bool = true,
    _ body: (Fixture) async throws -> Void
) async throws {
    try await FixtureGate.shared.withPlace(
        { try await Fixture.make(poolSize: poolSize, signIn: signIn) },
        body,
        dispose: { fixture in dropNow ? await fixture.dispose() : await fixture.close() }
    )
}

/// Runs `body` with the URL of a database of its own (migrated, or `empty`), then drops it.
public func withDatabase(empty: Bool = false, _ body: (String) async throws -> Void) async throws {
    try await FixtureGate.shared.withPlace(
        { try await offPool { empty ? try TestDatabase.create() : try TestDatabase.createMigrated() } },
        body,
        dispose: { url in _ = try? await offPool { try TestDatabase.drop(url) } }
    )
}

/// A service over a fresh database, with a bureau, a centre under it, and one user per role.
///
/// Units: 000 和政县财政局 (admin, finance, auditor), 301 和政县人力资源和社会保障局 (bureau, a
/// department supervising itself), 301002 和政县就业服务中心 (centre, supervised by 301),
/// 302 和政县教育局 (another department).
public struct Fixture: Sendable {
    /// The (superuser) URL of its database.
    public let url: String
    /// The service over that database (its own pool).
    public let service: JixiaoService
    /// `admin` of 000.
    public let admin: Caller
    /// `bureau-drafter`, drafter of 301.
    public let bureauDrafter: Caller
    /// `centre-drafter`, drafter of 301002.
    public let centreDrafter: Caller
    /// `other-drafter`, drafter of 302.
    public let otherDrafter: Caller
    /// `bureau-supervisor`, supervisor of 301 (reviews the centre's tables).
    public let supervisor: Caller
    /// `finance` of 000.
    public let finance: Caller
    /// `auditor` of 000.
    public let auditor: Caller

    /// Migrates a database of its own and fills it through the service. Sign-in uses the cheap
    /// test configuration (`SignInConfiguration.testing()`: bcrypt cost 4, waits of seconds)
    /// unless `signIn` says otherwise.
    public static func make(poolSize: Int = 4, signIn: SignInConfiguration? = nil) async throws -> Fixture {
        let url = try await offPool { try TestDatabase.createMigrated() }
        let service = JixiaoService(database: Database(.init(url: url, poolSize: poolSize)), signIn: signIn ?? .testing())
        let root = try await service.bootstrap(adminLogin: "admin", displayName: "管理员", unitCode: "000", unitName: "和政县财政局")
        let admin = Caller(user: root)
        _ = try await service.addUnit(admin, code: "301", name: "和政县人力资源和社会保障局")
        _ = try await service.addUnit(admin, code: "301002", name: "和政县就业服务中心", parentCode: "301")
        _ = try await service.addUnit(admin, code: "302", name: "和政县教育局")
        func user(_ login: String, _ unit: String, _ roles: Set<Role>) async throws -> Caller {
            Caller(user: try await service.addUser(admin, login: login, displayName: login, unitCode: unit, roles: roles))
        }
        return Fixture(
            url: url,
            service: service,
            admin: admin,
            bureauDrafter: try await user("bureau-drafter", "301", [.drafter]),
            centreDrafter: try await user("centre-drafter", "301002", [.drafter]),
            otherDrafter: try await user("other-drafter", "302", [.drafter]),
            supervisor: try await user("bureau-supervisor", "301", [.supervisor]),
            finance: try await user("finance", "000", [.finance]),
            auditor: try await user("auditor", "000", [.auditor])
        )
    }

    /// A further user, added by the admin.
    public func user(_ login: String, unit: String, roles: Set<Role>) async throws -> Caller {
        Caller(user: try await self.service.addUser(self.admin, login: login, displayName: login, unitCode: unit, roles: roles))
    }

    /// A bearer token for `caller`, issued by the admin (the HTTP tests' way in).
    public func token(_ caller: Caller) async throws -> String {
        try await self.service.issueToken(self.admin, login: caller.user.login).token
    }

    /// A valid project table of the centre (supervised by the bureau), as in the seed.
    public func projectTable(indicatorCount: Int = 4, funds: String = "140", unit: String = "301002") -> NewTable {
        ProjectTableFixture.newTable(indicatorCount: indicatorCount, funds: funds, unit: unit)
    }

    /// A centre table brought into `status` through the service (returned by finance).
    public func centreTable(in status: TableStatus, indicatorCount: Int = 4) async throws -> TargetTable {
        var table = try await self.service.createTable(self.centreDrafter, self.projectTable(indicatorCount: indicatorCount))
        let id = table.id
        switch status {
        case .draft:
            break
        case .submitted:
            table = try await self.service.transition(self.centreDrafter, tableID: id, action: .submit)
        case .supervisorApproved:
            _ = try await self.service.transition(self.centreDrafter, tableID: id, action: .submit)
            table = try await self.service.transition(self.supervisor, tableID: id, action: .approve)
        case .approved:
            _ = try await self.service.transition(self.centreDrafter, tableID: id, action: .submit)
            _ = try await self.service.transition(self.supervisor, tableID: id, action: .approve)
            table = try await self.service.transition(self.finance, tableID: id, action: .approve)
        case .returned:
            _ = try await self.service.transition(self.centreDrafter, tableID: id, action: .submit)
            _ = try await self.service.transition(self.supervisor, tableID: id, action: .approve)
            table = try await self.service.transition(self.finance, tableID: id, action: .return, reason: "资金测算依据不足")
        }
        #expect(table.status == status)
        return table
    }

    /// Runs `work` on a new superuser connection to this fixture's database, off the
    /// cooperative pool (the calls block).
    @discardableResult
    public func superuser<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let url = self.url
        return try await offPool { try work(try Connection(url)) }
    }

    /// Runs `work` on a new connection that works as the application role (`SET ROLE jixiao_app`).
    public func applicationRole<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await self.superuser { conn in
            try conn.execute("SET ROLE jixiao_app")
            return try work(conn)
        }
    }

    /// Closes the pool.
    public func close() async { await self.service.database.close() }

    /// Closes the pool and drops the database.
    public func dispose() async {
        await self.close()
        let url = self.url
        _ = try? await offPool { try TestDatabase.drop(url) }
    }
}

/// The callers of the fixture by name, for parameterized tests; the last three are added on demand.
public enum Who: String, Sendable, CaseIterable {
    /// drafter of 301002 (the centre), whose tables the tests mostly use
    case centreDrafter
    /// drafter of 301 (the bureau supervising the centre), without the supervisor role
    case bureauDrafter
    /// drafter of 302 (another department)
    case otherDrafter
    /// supervisor of 301: reviews the centre's tables
    case supervisor
    case finance
    case auditor
    case admin
    /// supervisor of 301002: the centre's own unit, which does not supervise its tables
    case centreSupervisor
    /// supervisor of 302: supervises neither the centre nor the bureau
    case otherSupervisor
}

extension Fixture {
    /// The caller `who` names (added on first use for the last two).
    public func caller(_ who: Who) async throws -> Caller {
        switch who {
        case .centreDrafter: return self.centreDrafter
        case .bureauDrafter: return self.bureauDrafter
        case .otherDrafter: return self.otherDrafter
        case .supervisor: return self.supervisor
        case .finance: return self.finance
        case .auditor: return self.auditor
        case .admin: return self.admin
        case .centreSupervisor: return try await self.user("centre-supervisor", unit: "301002", roles: [.supervisor])
        case .otherSupervisor: return try await self.user("other-supervisor", unit: "302", roles: [.supervisor])
        }
    }

    /// Number of audit rows of a table (read as the superuser).
    public func auditCount(_ tableID: Int64, _ condition: String = "true") async throws -> Int {
        try await self.superuser { conn in
            try conn.query("SELECT count(*)::int AS n FROM audit_log WHERE table_id = $1 AND (\(condition))", [tableID])
                .first!.decode(Int.self, "n")
        }
    }
}
