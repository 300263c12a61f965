import Foundation

/// The private PostgreSQL cluster the tests run against: `JIXIAO_TEST_DATABASE_URL` (what
/// `Deploy/test.sh` sets), else the cluster of `Deploy/local-postgres.sh`, started on first use.
public enum TestCluster {
    /// The superuser URL of the cluster.
    public static var serverURL: String {
        get throws {
            _ = self.passfile
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

    /// The cluster's password file (scram; URLs carry no password) as `PGPASSFILE` for libpq in
    /// this process and the processes it starts, unless one is set; once, before connecting.
    private static let passfile: Void = {
        guard ProcessInfo.processInfo.environment["PGPASSFILE"] == nil,
            let path = try? run(ProjectPath.localPostgres, ["passfile"], environment: [:]),
            FileManager.default.fileExists(atPath: path)
        else { return }
        setenv("PGPASSFILE", path, 1)
    }()

    /// `url` logged in as the application role `jixiao_app` (what `jixiao serve` must use).
    public static func applicationURL(_ url: String) -> String {
        var components = URLComponents(string: url)!
        components.user = "jixiao_app"
        components.password = nil
        return components.string!
    }

    /// `url` with its database name replaced.
    public static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }
}
