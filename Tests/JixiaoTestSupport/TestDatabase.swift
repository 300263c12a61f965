import Foundation
import JixiaoService
import PQ
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Databases of their own for tests, so that tests run in parallel without sharing state: empty
/// ones (`create()`), and migrated ones copied from a template that is migrated once per test
/// process (`createMigrated()`, `CREATE DATABASE … TEMPLATE`).
///
/// Every name carries the test process's id (`jxtest_<pid>_…`, `jxtemplate_<pid>_…`). A test
/// that has a scope drops its database when it ends (`withFixture`, `withDatabase`,
/// `CLIWorld.drop`); whatever is left when the process exits is dropped then; and the first
/// database a process creates first drops what processes that no longer run left behind.
public enum TestDatabase {
    /// The superuser URL of the test cluster.
    public static var serverURL: String {
        get throws { try TestCluster.serverURL }
    }

    /// The migrations the template is built from.
    public static let schemaDirectory = ProjectPath.schema

    /// Creates an empty database and returns its URL.
    public static func create() throws -> String {
        let server = try self.serverURL
        let admin = try self.prepared(server)
        let name = self.newName()
        try self.register(name) { try admin.execute("CREATE DATABASE \(name)") }
        return self.url(server, database: name)
    }

    /// `create()` from async code, off the cooperative pool.
    public static func createAsync() async throws -> String {
        try await offPool { try create() }
    }

    /// A connection to a fresh, empty database.
    public static func connect() throws -> Connection {
        try Connection(try self.create())
    }

    /// Creates a migrated database (a copy of this process's template) and returns its URL.
    public static func createMigrated() throws -> String {
        let server = try self.serverURL
        let admin = try self.prepared(server)
        let templateName = try self.template.withLock { name -> String in
            if let name { return name }
            let fresh = "jxtemplate_\(getpid())_\(Int.random(in: 0..<1_000_000))"
            try self.register(fresh) { try admin.execute("CREATE DATABASE \(fresh)") }
            do {
                // Closed at the end of this scope: a template with a connection cannot be copied.
                let connection = try Connection(self.url(server, database: fresh))
                try Migrator(directory: self.schemaDirectory).migrate(connection)
            }
            name = fresh
            return fresh
        }
        let name = self.newName()
        // Copying a template needs it to have no connections; parallel copies are fine.
        try self.register(name) { try admin.execute("CREATE DATABASE \(name) TEMPLATE \(templateName)") }
        return self.url(server, database: name)
    }

    /// Drops a database made here (closing its connections); other URLs are left alone.
    public static func drop(_ url: String) throws {
        guard let name = URLComponents(string: url)?.path.dropFirst(), name.hasPrefix("jxtest_") else { return }
        try Connection(try self.serverURL).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        _ = self.live.withLock { $0.remove(String(name)) }
    }

    /// `url` with its database name replaced.
    public static func url(_ url: String, database: String) -> String {
        TestCluster.url(url, database: database)
    }

    /// The databases this process created and has not dropped yet: what it drops when it exits.
    public static var droppedAtExit: Set<String> { self.live.withLock { $0 } }

    /// Whether the database `url` names exists on the cluster (for tests of the cleanup).
    public static func exists(_ url: String) throws -> Bool {
        guard let name = URLComponents(string: url)?.path.dropFirst() else { return false }
        return try Connection(try self.serverURL).query("SELECT count(*)::int AS n FROM pg_database WHERE datname = $1", [String(name)])
            .first?.decode(Int.self, "n") == 1
    }

    private static let template = Mutex<String?>(nil)
    /// The databases this process created and has not dropped yet.
    private static let live = Mutex<Set<String>>([])
    /// Whether leftovers were swept and the exit handler installed.
    private static let prepared = Mutex(false)

    private static func newName() -> String {
        "jxtest_\(getpid())_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))"
    }

    /// A superuser connection; the first call of a process sweeps leftovers and installs the
    /// exit handler.
    private static func prepared(_ server: String) throws -> Connection {
        let admin = try Connection(server)
        self.prepared.withLock { done in
            guard !done else { return }
            done = true
            self.dropLeftovers(admin)
            atexit { TestDatabase.dropLive() }
        }
        return admin
    }

    private static func register(_ name: String, _ create: () throws -> Void) throws {
        try create()
        _ = self.live.withLock { $0.insert(name) }
    }

    /// Drops what this process still has (at exit: its pools may still hold connections).
    private static func dropLive() {
        let names = self.live.withLock { live in
            defer { live.removeAll() }
            return live
        }
        guard !names.isEmpty, let server = try? self.serverURL, let admin = try? Connection(server) else { return }
        for name in names {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
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
}

/// The migrated databases of the service tests (`create()` is migrated here).
public enum ServiceTestDatabase {
    /// The migrations.
    public static let schemaDirectory = TestDatabase.schemaDirectory

    /// The superuser URL of the test cluster.
    public static var serverURL: String {
        get throws { try TestCluster.serverURL }
    }

    /// Creates a migrated database and returns its (superuser) URL.
    public static func create() throws -> String { try TestDatabase.createMigrated() }

    /// Creates an empty database (nothing migrated) and returns its URL.
    public static func createEmpty() throws -> String { try TestDatabase.create() }

    /// Drops a database made by `create()` / `createEmpty()` (closing its connections).
    public static func drop(_ url: String) throws { try TestDatabase.drop(url) }

    /// `url` with its database name replaced.
    public static func url(_ url: String, database: String) -> String { TestCluster.url(url, database: database) }
}

/// The HTTP tests' name for the same migrated databases.
public typealias HTTPTestDatabase = ServiceTestDatabase
