import Foundation

/// The private PostgreSQL cluster the tests run against: `JIXIAO_TEST_DATABASE_URL` (what
/// `Deploy/test.sh` sets), else the cluster of `Deploy/local-postgres.sh`, started on first use.
public enum TestCluster {
    /// The superuser URL of the cluster.
    public static var serverURL: String {
        get throws {
            if let url = ProcessInfo.processInfo.environment["JIXIAO_TEST_DATABASE_URL"], !url.isEmpty { return url }
            return try self.started.get()
        }
    }

    /// `Deploy/local-postgres.sh start` (idempotent: it prints the URL of a running cluster),
    /// run once per test process.
    private static let started = Result<String, any Error> {
        let url = try run(ProjectPath.localPostgres, ["start"], environment: ["JIXIAO_PG_QUIET": "1"])
        guard !url.isEmpty, !url.contains("\n") else {
            throw TestSupportError("Deploy/local-postgres.sh start printed no URL; set JIXIAO_TEST_DATABASE_URL")
        }
        return url
    }

    /// `url` with its database name replaced.
    public static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }
}
