import Foundation
import PQ

/// A fresh, empty database per test on the private cluster (`JIXIAO_TEST_DATABASE_URL`); the
/// CLI itself migrates it (`jixiao db init`).
enum TestDatabase {
    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["JIXIAO_TEST_DATABASE_URL"], !url.isEmpty else {
                throw CLIRunnerError("JIXIAO_TEST_DATABASE_URL is not set: run the tests with ./Deploy/test.sh")
            }
            return url
        }
    }

    /// Creates an empty database and returns its URL.
    static func create() throws -> String {
        let server = try self.serverURL
        let name = "jxcli_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = try Connection(server)
        try admin.execute("CREATE DATABASE \(name)")
        return try self.url(server, database: name)
    }

    /// Drops a database made by `create` (best effort: tests leave nothing behind).
    static func drop(_ url: String) {
        guard let server = try? self.serverURL, let name = URLComponents(string: url)?.path.dropFirst(), name.hasPrefix("jxcli_"),
            let admin = try? Connection(server)
        else { return }
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw CLIRunnerError("JIXIAO_TEST_DATABASE_URL is not a URL") }
        components.path = "/" + database
        guard let result = components.string else { throw CLIRunnerError("cannot build a database URL") }
        return result
    }
}

/// A fresh database initialised by `jixiao db init`, and a way to run commands against it.
struct CLIWorld {
    let url: String

    /// `db init` (admin `admin` of unit 000 和政县财政局) on a new database.
    static func make() throws -> CLIWorld {
        let world = CLIWorld(url: try TestDatabase.create())
        let result = try world.run(["db", "init", "--admin", "admin", "--display-name", "管理员", "--unit-code", "000", "--unit-name", "和政县财政局"])
        guard result.code == 0 else { throw CLIRunnerError("db init failed: \(result)") }
        return world
    }

    /// The bureau (301), its centre (301002) and a drafter, supervisor, finance and auditor.
    static func withPeople() throws -> CLIWorld {
        let world = try self.make()
        for arguments in [
            ["unit", "add", "301", "和政县人力资源和社会保障局", "--as", "admin"],
            ["unit", "add", "301002", "和政县就业服务中心", "--parent", "301", "--as", "admin"],
            ["user", "add", "kang", "--name", "康亚运", "--unit", "301002", "--role", "drafter", "--as", "admin"],
            ["user", "add", "li", "--unit", "301", "--role", "supervisor", "--as", "admin"],
            ["user", "add", "fin", "--unit", "000", "--role", "finance", "--as", "admin"],
            ["user", "add", "aud", "--unit", "000", "--role", "auditor", "--as", "admin"],
        ] {
            let result = try world.run(arguments)
            guard result.code == 0 else { throw CLIRunnerError("\(arguments.joined(separator: " ")) failed: \(result)") }
        }
        return world
    }

    /// Runs `jixiao arguments… --database-url URL`.
    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CLIResult {
        try CLIRunner.run(arguments + ["--database-url", self.url], environment: environment, stdin: stdin)
    }

    /// Writes `json` to a temp file and creates the table as `login`; returns the table JSON.
    func createTable(_ json: String, as login: String) throws -> (result: CLIResult, table: [String: Any]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-table-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try self.run(["table", "create", file.path, "--as", login, "--json"])
        return (result, (try? result.json()) as? [String: Any] ?? [:])
    }

    func drop() { TestDatabase.drop(self.url) }

    /// The seed's project table of the centre: valid (no error findings), four indicators.
    static let projectTable = """
        {"title": "2024年奖补资金项目支出绩效目标表", "fiscal_year": 2025, "unit": "301002",
         "header": {"kind": "project", "project_name": "2024年奖补资金", "supervising_department": "和政县人力资源和社会保障局",
                    "implementing_unit": "和政县就业服务中心", "funds_total": "7547.363101", "fiscal_funds": "7547.363101"},
         "goals": ["<p>1. 发放奖补资金，促进就业</p>"],
         "indicators": [
          {"level1": "成本指标", "level2": "经济成本指标", "level3": "奖补资金", "comparator": "≤", "value": "7547.363101", "unit": "万元"},
          {"level1": "产出指标", "level2": "数量指标", "level3": "奖补人数", "comparator": ">=", "value": "140", "unit": "人"},
          {"level1": "效益指标", "level2": "社会效益指标", "level3": "就业带动", "comparator": "定性", "value": "明显"},
          {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "受益群众满意度", "comparator": "\\\\geq", "value": "90", "unit": "%"}
         ]}
        """
}
