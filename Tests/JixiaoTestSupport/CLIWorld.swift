import Foundation

/// A fresh database initialised by `jixiao db init`, and a way to run commands against it.
public struct CLIWorld: Sendable {
    /// The (superuser) URL of its database.
    public let url: String

    /// `db init` (admin `admin` of unit 000 和政县财政局) on a new database.
    public static func make() throws -> CLIWorld {
        let world = CLIWorld(url: try TestDatabase.create())
        let result = try world.run(["db", "init", "--admin", "admin", "--display-name", "管理员", "--unit-code", "000", "--unit-name", "和政县财政局"])
        guard result.code == 0 else { throw TestSupportError("db init failed: \(result)") }
        return world
    }

    /// The bureau (301), its centre (301002) and a drafter, supervisor, finance and auditor.
    public static func withPeople() throws -> CLIWorld {
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
            guard result.code == 0 else { throw TestSupportError("\(arguments.joined(separator: " ")) failed: \(result)") }
        }
        return world
    }

    /// Runs `jixiao arguments… --database-url URL`.
    public func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CLIResult {
        try CLIRunner.run(arguments + ["--database-url", self.url], environment: environment, stdin: stdin)
    }

    /// Writes `json` to a temp file and creates the table as `login`; returns the table JSON.
    public func createTable(_ json: String, as login: String) throws -> (result: CLIResult, table: [String: Any]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-table-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try self.run(["table", "create", file.path, "--as", login, "--json"])
        return (result, (try? result.json()) as? [String: Any] ?? [:])
    }

    /// Drops its database (best effort: tests leave nothing behind).
    public func drop() { try? TestDatabase.drop(self.url) }

    /// A bearer token for `login`, issued with `jixiao token issue LOGIN --json --as admin`.
    public func token(_ login: String) throws -> String {
        let result = try self.run(["token", "issue", login, "--json", "--as", "admin"])
        guard result.code == 0, let token = (try? result.json() as? [String: Any])?["token"] as? String else {
            throw TestSupportError("token issue \(login) failed: \(result)")
        }
        return token
    }

    /// Creates the standard project table as `login` with the CLI; its id and indicators.
    public func createProjectTable(as login: String, title: String? = nil) throws -> (id: Int, indicators: [[String: Any]]) {
        let (result, table) = try self.createTable(title.map(CLIWorld.projectTable(title:)) ?? CLIWorld.projectTable, as: login)
        guard result.code == 0, let id = table["id"] as? Int, let indicators = table["indicators"] as? [[String: Any]] else {
            throw TestSupportError("table create failed: \(result)")
        }
        return (id, indicators)
    }

    /// The seed's project table of the centre: valid (no error findings), four indicators; the
    /// funds as in the seed and comparators in other accepted spellings (`>=`, `\geq`).
    public static let projectTable = CLIWorld.projectTable(title: ProjectTableFixture.title)

    /// `projectTable` with another title.
    public static func projectTable(title: String) -> String {
        ProjectTableFixture.json(
            title: title,
            funds: "7547.363101",
            goals: ["<p>\(ProjectTableFixture.goal)</p>"],
            comparators: ["≤", ">=", "定性", "\\geq"],
            reason: nil
        )
    }
}
