import Foundation
import PQ
import Testing

/// The private PostgreSQL cluster the test command started (`JIXIAO_TEST_DATABASE_URL`), and a
/// fresh database per test so tests run in parallel without sharing state.
enum TestDatabase {
    /// The superuser URL of the test cluster.
    static var serverURL: String {
        get throws {
            guard let url = ProcessInfo.processInfo.environment["JIXIAO_TEST_DATABASE_URL"], !url.isEmpty else {
                throw PQError(kind: .usage, message: "JIXIAO_TEST_DATABASE_URL is not set: run the tests with ./Deploy/test.sh")
            }
            return url
        }
    }

    /// Creates an empty database and returns its URL.
    static func create() throws -> String {
        let server = try self.serverURL
        let name = "pqtest_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = try Connection(server)
        try admin.execute("CREATE DATABASE \(name)")
        return self.url(server, database: name)
    }

    /// `url` with its database name replaced.
    static func url(_ url: String, database: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        return components.string!
    }

    /// `create()` from async code, on a thread of its own (blocking calls must not starve the
    /// cooperative pool that the pool's timers run on).
    static func createAsync() async throws -> String {
        try await offPool { try create() }
    }

    /// A connection to a fresh database.
    static func connect() throws -> Connection {
        try Connection(try self.create())
    }
}

/// Project paths, found from this file's location.
enum ProjectPath {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let localPostgres = root.appendingPathComponent("Deploy/local-postgres.sh").path
}

/// Runs a command and returns its standard output; throws with its stderr when it fails.
/// (posix_spawn + waitpid: Foundation's `Process.waitUntilExit` can hang on Linux.)
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
    let base = NSTemporaryDirectory() + "pqtest-run-\(UUID().uuidString)"
    let outPath = base + ".out"
    let errPath = base + ".err"
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
    let argv = [executable] + arguments
    var pid: pid_t = 0
    let status = withCStringArray(argv) { argvPointer in
        withCStringArray(env) { envPointer in
            posix_spawn(&pid, executable, &actions, nil, argvPointer, envPointer)
        }
    }
    guard status == 0 else { throw PQError(kind: .usage, message: "could not start \(executable): errno \(status)") }
    var exitStatus: Int32 = 0
    while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    guard exitStatus == 0 else {
        let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        throw PQError(kind: .usage, message: "\(executable) \(arguments.joined(separator: " ")) failed: \(errors)")
    }
    return output.trimmingCharacters(in: .whitespacesAndNewlines)
}

private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Runs blocking `work` on a new thread and awaits its result.
@discardableResult
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
