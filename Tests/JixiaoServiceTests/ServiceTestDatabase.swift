import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Synchronization
import Testing

typealias Unit = JixiaoCore.Unit
typealias Comparator = JixiaoCore.Comparator

/// A freshly migrated database per test: the migrations run once per test process into a
/// template, and each test copies it (`CREATE DATABASE … TEMPLATE`), so tests run in parallel
/// without sharing state. Databases are named after the test process (`jxtest_<pid>_…`,
/// `jxtemplate_<pid>_…`): a test drops its own when it ends, and the first fixture of a process
/// drops what processes that no longer run left behind.
enum ServiceTestDatabase {
    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["JIXIAO_TEST_DATABASE_URL"], !url.isEmpty else {
                throw PQError(kind: .usage, message: "JIXIAO_TEST_DATABASE_URL is not set: run the tests with ./Deploy/test.sh")
            }
            return url
        }
    }

    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Schema")

    private static let template = Mutex<String?>(nil)

    /// Creates a migrated database and returns its (superuser) URL.
    static func create() throws -> String {
        let server = try self.serverURL
        let admin = try Connection(server)
        let templateName = try self.template.withLock { name -> String in
            if let name { return name }
            self.dropLeftovers(admin)
            let fresh = "jxtemplate_\(getpid())_\(Int.random(in: 0..<1_000_000))"
            try admin.execute("CREATE DATABASE \(fresh)")
            do {
                let conn = try Connection(self.url(server, database: fresh))
                try Migrator(directory: self.schemaDirectory).migrate(conn)
            }
            name = fresh
            return fresh
        }
        let database = self.newName()
        // Copying a template needs it to have no connections; parallel copies are fine.
        try admin.execute("CREATE DATABASE \(database) TEMPLATE \(templateName)")
        return self.url(server, database: database)
    }

    /// Creates an empty database (nothing migrated) and returns its URL.
    static func createEmpty() throws -> String {
        let server = try self.serverURL
        let database = self.newName()
        try Connection(server).execute("CREATE DATABASE \(database)")
        return self.url(server, database: database)
    }

    /// Drops a database made by `create()` / `createEmpty()` (closing its connections).
    static func drop(_ url: String) throws {
        guard let name = URLComponents(string: url)?.path.dropFirst(), name.hasPrefix("jxtest_") else { return }
        try Connection(try self.serverURL).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func newName() -> String {
        "jxtest_\(getpid())_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
    }

    /// Drops test databases and templates of test processes that are gone.
    private static func dropLeftovers(_ admin: Connection) {
        guard let rows = try? admin.query("SELECT datname FROM pg_database WHERE datname ~ '^jx(test|template)_[0-9]+_'") else { return }
        for row in rows {
            guard let name = try? row.decode(String.self, "datname") else { continue }
            let parts = name.split(separator: "_")
            guard parts.count >= 3, let pid = Int32(parts[1]), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH {
                _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            }
        }
    }

    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }
}

/// Bounds how many fixtures (databases with their pools) exist at once: the machine has two
/// cores and the cluster a connection limit shared with other test suites.
actor FixtureGate {
    static let shared = FixtureGate(limit: 4)

    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.available = limit }

    func acquire() async {
        if self.available > 0 {
            self.available -= 1
            return
        }
        await withCheckedContinuation { self.waiters.append($0) }
    }

    func release() {
        if self.waiters.isEmpty {
            self.available += 1
        } else {
            self.waiters.removeFirst().resume()
        }
    }
}

/// Runs `body` with a fixture of its own (`Fixture.make`), then closes the pool and drops the database.
func withFixture(poolSize: Int = 4, _ body: (Fixture) async throws -> Void) async throws {
    await FixtureGate.shared.acquire()
    let fixture: Fixture
    do {
        fixture = try await Fixture.make(poolSize: poolSize)
    } catch {
        await FixtureGate.shared.release()
        throw error
    }
    do {
        try await body(fixture)
    } catch {
        await fixture.dispose()
        await FixtureGate.shared.release()
        throw error
    }
    await fixture.dispose()
    await FixtureGate.shared.release()
}

/// A service over a fresh database, with a bureau, a centre under it, and one user per role.
///
/// Units: 000 和政县财政局 (admin, finance, auditor), 301 和政县人力资源和社会保障局 (bureau, a
/// department supervising itself), 301002 和政县就业服务中心 (centre, supervised by 301),
/// 302 和政县教育局 (another department).
struct Fixture: Sendable {
    let url: String
    let service: JixiaoService
    let admin: Caller
    let bureauDrafter: Caller
    let centreDrafter: Caller
    let otherDrafter: Caller
    let supervisor: Caller
    let finance: Caller
    let auditor: Caller

    static func make(poolSize: Int = 4) async throws -> Fixture {
        let url = try await offPool { try ServiceTestDatabase.create() }
        let service = JixiaoService(database: Database(.init(url: url, poolSize: poolSize)))
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
    func user(_ login: String, unit: String, roles: Set<Role>) async throws -> Caller {
        Caller(user: try await self.service.addUser(self.admin, login: login, displayName: login, unitCode: unit, roles: roles))
    }

    /// A valid project table of the centre (supervised by the bureau), as in the seed.
    func projectTable(indicatorCount: Int = 4, funds: String = "140", unit: String = "301002") -> NewTable {
        var indicators = [
            IndicatorInput(level1: "成本指标", level2: "经济成本指标", level3: "奖补资金", comparator: .lte, value: funds, unitOfMeasure: "万元"),
            IndicatorInput(level1: "产出指标", level2: "数量指标", level3: "奖补人数", comparator: .gte, value: "140", unitOfMeasure: "人"),
            IndicatorInput(level1: "效益指标", level2: "社会效益指标", level3: "就业带动", comparator: .qualitative, value: "明显"),
            IndicatorInput(level1: "满意度指标", level2: "服务对象满意度指标", level3: "受益群众满意度", comparator: .gte, value: "90", unitOfMeasure: "%"),
        ]
        while indicators.count < indicatorCount {
            indicators.append(
                IndicatorInput(level1: "产出指标", level2: "质量指标", level3: "指标\(indicators.count + 1)", comparator: .gte, value: "95", unitOfMeasure: "%")
            )
        }
        let header = ProjectHeader(
            projectName: "2024年奖补资金",
            supervisingDepartment: "和政县人力资源和社会保障局",
            implementingUnit: "和政县就业服务中心",
            fundsTotal: Amount("140"),
            fiscalFunds: Amount("140"),
            otherFunds: nil
        )
        return NewTable(
            title: "2024年奖补资金项目支出绩效目标表",
            fiscalYear: 2025,
            unit: unit,
            header: .project(header),
            goals: ["1. 发放奖补资金，促进就业"],
            indicators: Array(indicators.prefix(indicatorCount))
        )
    }

    /// A centre table brought into `status` through the service (returned by finance).
    func centreTable(in status: TableStatus, indicatorCount: Int = 4) async throws -> TargetTable {
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
    func superuser<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let url = self.url
        return try await offPool { try work(try Connection(url)) }
    }

    /// Runs `work` on a new connection that works as the application role (`SET ROLE jixiao_app`).
    func applicationRole<T: Sendable>(_ work: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await self.superuser { conn in
            try conn.execute("SET ROLE jixiao_app")
            return try work(conn)
        }
    }

    func close() async { await self.service.database.close() }

    /// Closes the pool and drops the database.
    func dispose() async {
        await self.close()
        let url = self.url
        _ = try? await offPool { try ServiceTestDatabase.drop(url) }
    }
}

/// Runs blocking `work` on a new thread and awaits its result.
@discardableResult
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

/// Expects `body` to fail with a `ServiceError` of `kind` (and `code`, when given); returns it.
@discardableResult
func expectServiceError<T>(
    _ kind: ServiceError.Kind,
    _ code: String? = nil,
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> T
) async -> ServiceError? {
    do {
        let value = try await body()
        Issue.record(
            "expected a ServiceError (\(kind)\(code.map { ", \($0)" } ?? "")), got \(value)\(comment.map { " — \($0)" } ?? "")",
            sourceLocation: sourceLocation
        )
        return nil
    } catch let error as ServiceError {
        #expect(error.kind == kind, "\(error.code): \(error.message)\(comment.map { " — \($0)" } ?? "")", sourceLocation: sourceLocation)
        if let code {
            #expect(error.code == code, "\(error.kind): \(error.message)\(comment.map { " — \($0)" } ?? "")", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected a ServiceError (\(kind)), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The SQLSTATE `body` fails with: `00000` when it succeeds, `?` for an error without one.
/// (Plain function: runs on the thread of a blocking connection, where no `#expect` belongs.)
func sqlState(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "00000"
    } catch let error as PQError {
        return error.sqlState ?? "?"
    } catch {
        return "?"
    }
}

/// The callers of the fixture by name, for parameterized tests; the last three are added on demand.
enum Who: String, Sendable, CaseIterable {
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
    func caller(_ who: Who) async throws -> Caller {
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
    func auditCount(_ tableID: Int64, _ condition: String = "true") async throws -> Int {
        try await self.superuser { conn in
            try conn.query("SELECT count(*)::int AS n FROM audit_log WHERE table_id = $1 AND (\(condition))", [tableID])
                .first!.decode(Int.self, "n")
        }
    }
}
