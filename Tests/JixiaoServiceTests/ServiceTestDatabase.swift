import Foundation
import JixiaoCore
import JixiaoService
import PQ
import Synchronization

typealias Unit = JixiaoCore.Unit
typealias Comparator = JixiaoCore.Comparator

/// A freshly migrated database per test: the migrations run once per test process into a
/// template, and each test copies it (`CREATE DATABASE … TEMPLATE`), so tests run in parallel
/// without sharing state.
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
            let fresh = "jxtemplate_\(getpid())_\(Int.random(in: 0..<1_000_000))"
            try admin.execute("CREATE DATABASE \(fresh)")
            do {
                let conn = try Connection(self.url(server, database: fresh))
                try Migrator(directory: self.schemaDirectory).migrate(conn)
            }
            name = fresh
            return fresh
        }
        let database = "jxtest_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        // Copying a template needs it to have no connections; parallel copies are fine.
        try admin.execute("CREATE DATABASE \(database) TEMPLATE \(templateName)")
        return self.url(server, database: database)
    }

    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }
}

/// A service over a fresh database, with a bureau, a centre under it, and one user per role.
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
            url: url, service: service, admin: admin,
            bureauDrafter: try await user("bureau-drafter", "301", [.drafter]),
            centreDrafter: try await user("centre-drafter", "301002", [.drafter]),
            otherDrafter: try await user("other-drafter", "302", [.drafter]),
            supervisor: try await user("bureau-supervisor", "301", [.supervisor]),
            finance: try await user("finance", "000", [.finance]),
            auditor: try await user("auditor", "000", [.auditor]))
    }

    /// A valid project table of the centre (supervised by the bureau), as in the seed.
    func projectTable(indicatorCount: Int = 4, funds: String = "140") -> NewTable {
        var indicators = [
            IndicatorInput(level1: "成本指标", level2: "经济成本指标", level3: "奖补资金", comparator: .lte, value: funds, unitOfMeasure: "万元"),
            IndicatorInput(level1: "产出指标", level2: "数量指标", level3: "奖补人数", comparator: .gte, value: "140", unitOfMeasure: "人"),
            IndicatorInput(level1: "效益指标", level2: "社会效益指标", level3: "就业带动", comparator: .qualitative, value: "明显"),
            IndicatorInput(level1: "满意度指标", level2: "服务对象满意度指标", level3: "受益群众满意度", comparator: .gte, value: "90", unitOfMeasure: "%"),
        ]
        while indicators.count < indicatorCount {
            indicators.append(IndicatorInput(level1: "产出指标", level2: "质量指标", level3: "指标\(indicators.count + 1)", comparator: .gte, value: "95", unitOfMeasure: "%"))
        }
        let header = ProjectHeader(projectName: "2024年奖补资金", supervisingDepartment: "和政县人力资源和社会保障局",
                                   implementingUnit: "和政县就业服务中心", fundsTotal: Amount("140"), fiscalFunds: Amount("140"), otherFunds: nil)
        return NewTable(title: "2024年奖补资金项目支出绩效目标表", fiscalYear: 2025, unit: "301002", header: .project(header),
                        goals: ["1. 发放奖补资金，促进就业"], indicators: Array(indicators.prefix(indicatorCount)))
    }

    func close() async { await self.service.database.close() }
}

/// Runs blocking `work` on a new thread and awaits its result.
@discardableResult
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
